using System.CommandLine;
using System.Globalization;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Detection.Segmentation.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit segment</c>: writes the vertebral-body mask (and optionally a per-level overlay) of every radiograph given.</summary>
internal static class SegmentCommand
{
    public static Command Create()
    {
        var inputs = InputArgument.Create("Radiographs (JPEG, PNG, DICOM) or folders to walk.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for <name>.mask.png (and overlays).", DefaultValueFactory = _ => new DirectoryInfo("spinekit-segmentation") };
        var models = new Option<string?>("--models") { Description = $"A segmentation model file or a folder of fold models (default: models/{SegmentationModelLocator.FolderName}/)." };
        var overlay = new Option<bool>("--overlay") { Description = "Also write <name>.overlay.png with each vertebral body tinted by level (levels from the landmark model when found)." };
        var postprocess = new Option<bool>("--postprocess") { Description = "Erode, dilate slightly more and keep the largest connected spine (may drop an isolated vertebra)." };
        var threshold = BodyThreshold.CreateOption();
        var mirror = new Option<bool>("--mirror") { Description = "Every model also votes on the left-right mirrored image (twice the time)." };
        var landmarkModel = new Option<string?>("--landmark-model") { Description = $"Landmark model naming the levels in overlays (default: models/{ModelLocator.LandmarkModel} when present)." };
        var shard = ShardOption.Create();
        var maxMegapixels = DecodeLimitOption.Create();
        var overwrite = OutputFile.OverwriteOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON document (every mask written with its figures, every failure with its reason) instead of lines." };
        var command = new Command("segment", "Segment the vertebral bodies: an 8-bit mask per radiograph (0 background, 255 body).");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { output, models, overlay, postprocess, mirror, threshold, landmarkModel, shard, maxMegapixels, overwrite, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var errors = parseResult.InvocationConfiguration.Error;
            var report = parseResult.GetValue(json) ? new BatchJsonReport() : null;

            // With --json the output stream carries the document alone; the lines a person reads are left out.
            var console = report is null ? parseResult.InvocationConfiguration.Output : TextWriter.Null;
            var replace = parseResult.GetValue(overwrite);
            var outputDirectory = OutputFolder.Prepare(parseResult.GetValue(output)!.FullName, "--out");
            var files = InputFiles.Shard(
                InputFiles.Expand(parseResult.GetValue(inputs)!, outputDirectory, note => errors.WriteLine($"spinekit: {note}")),
                parseResult.GetValue(shard));
            var ensemble = BodyThreshold.Apply(SegmentationEnsemble.Load(SegmentationModelLocator.Resolve(parseResult.GetValue(models))), parseResult.GetValue(threshold));
            foreach (var (file, reason) in ensemble.Skipped)
            {
                errors.WriteLine($"spinekit: {file} skipped: {reason}");
            }

            var writeOverlay = parseResult.GetValue(overlay);
            var detector = writeOverlay ? LoadDetector(parseResult.GetValue(landmarkModel), errors) : null;
            var modelNames = ensemble.Models.Select(m => m.Source?.ToString() ?? m.Name).ToList();
            var pngText = PngProvenance.Text(ensemble.Models.Select(m => $"segmentation model {m.Source?.Name ?? m.Name} sha256 {m.Source?.Sha256 ?? "in memory"}")
                .Concat(detector?.Model.Source is { } levels ? [$"landmark model {levels.Name} sha256 {levels.Sha256}"] : []));
            if (detector?.Model.Source is { } landmarkSource)
            {
                modelNames.Add($"landmark model {landmarkSource}");
            }

            console.WriteLine($"spinekit {SpineKitApp.Version} (research use only, not for diagnosis), segmentation models {string.Join(", ", modelNames)}");
            var post = parseResult.GetValue(postprocess) ? SegmentationPostProcessing.Default : null;
            var mirrorVoting = parseResult.GetValue(mirror);
            var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            var outcome = BatchRunner.Run("segmenting", files, DecodeLimitOption.ToReadOptions(parseResult.GetValue(maxMegapixels)), console, errors, item =>
            {
                var (file, image) = (item.File, item.Image);
                var name = Path.GetFileName(file.Path);
                var stem = OutputNames.UniqueStem(Path.GetFileNameWithoutExtension(file.Path), usedNames);
                var maskPath = Path.Combine(outputDirectory, stem + ".mask.png");
                var overlayPath = writeOverlay ? Path.Combine(outputDirectory, stem + ".overlay.png") : null;
                OutputFile.RequireFree(replace, writeOverlay ? [maskPath, overlayPath!] : [maskPath]);
                var grey = image.ToGrayscale();
                var prediction = ensemble.Segment(grey, post, mirrorVoting);
                OutputFile.Write(maskPath, PngEncoder.Encode(prediction.FinalMask, text: pngText), replace);
                var coverage = Coverage(prediction.FinalMask);
                var summary = string.Create(CultureInfo.InvariantCulture, $"{file.DisplayName}: {coverage:0.0}% body in {prediction.Seconds:0.00}s");
                (int Bodies, int WithLevel)? counts = null;
                double? agreement = null;
                if (overlayPath is not null)
                {
                    var landmarks = detector?.Detect(grey, imageName: name).Landmarks;
                    var instances = VertebraInstances.Split(prediction.FinalMask, landmarks);
                    OutputFile.Write(overlayPath, PngEncoder.Encode(SegmentationOverlay.Render(image.RenderDisplay(), instances), text: pngText), replace);
                    counts = (instances.Vertebrae.Count, instances.Vertebrae.Count(v => v.Level is not null));
                    summary += string.Create(CultureInfo.InvariantCulture, $", {counts.Value.Bodies} bodies ({counts.Value.WithLevel} with a level)");
                    if (landmarks is not null)
                    {
                        // A second opinion both ways: low agreement means one of the two models went wrong here.
                        var fromLandmarks = SegmentationMasks.BodyMask(SegmentationMasks.Render(landmarks));
                        agreement = SegmentationMetrics.Dice(prediction.FinalMask.Pixels, fromLandmarks.Pixels);
                        summary += string.Create(CultureInfo.InvariantCulture, $", agreement with the landmarks Dice {agreement:0.00}");
                    }
                }

                report?.Add(writer =>
                {
                    writer.WriteString("input", file.DisplayName);
                    writer.WriteString("mask", maskPath);
                    writer.WriteString("overlay", overlayPath);
                    writer.WriteString("imageSha256", item.Sha256);
                    writer.WriteNumber("bodyPercent", Math.Round(coverage, 3));
                    writer.WriteNumber("seconds", Math.Round(prediction.Seconds, 4));
                    if (counts is { } c)
                    {
                        writer.WriteNumber("bodies", c.Bodies);
                        writer.WriteNumber("bodiesWithLevel", c.WithLevel);
                    }

                    if (agreement is { } dice)
                    {
                        writer.WriteNumber("landmarkAgreementDice", Math.Round(dice, 4));
                    }
                });
                return summary;
            }, quiet: report is not null);

            if (report is not null)
            {
                var used = ensemble.Models.Select(m => ("segmentation", m.Source?.Name ?? m.Name, m.Source?.Sha256))
                    .Concat(detector?.Model.Source is { } levelModel ? [("corners", levelModel.Name, (string?)levelModel.Sha256)] : []);
                parseResult.InvocationConfiguration.Output.WriteLine(report.Write("spinekit.segment-run/1", used, outputDirectory, outcome));
                return outcome.ExitCode;
            }

            console.WriteLine($"{outcome.Describe("segmented")}; {ensemble.Models.Count} models, {BodyThreshold.Describe(ensemble)}; masks in {outputDirectory}");
            return outcome.ExitCode;
        });
        return command;
    }

    private static LandmarkDetector? LoadDetector(string? explicitPath, TextWriter errors)
    {
        string path;
        try
        {
            path = ModelLocator.Resolve(explicitPath, ModelLocator.LandmarkModel);
        }
        catch (FileNotFoundException) when (explicitPath is null)
        {
            errors.WriteLine($"spinekit: no landmark model found (models/{ModelLocator.LandmarkModel}); overlays show bodies without levels");
            return null;
        }

        return DetectorLoader.Create(explicitPath, null);
    }

    private static double Coverage(Image<byte> mask) => 100.0 * mask.Pixels.Count(p => p != 0) / mask.Pixels.Length;
}
