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

/// <summary>
/// <c>spinekit segment</c>: writes the vertebral-body mask of every radiograph given, restricted by the landmark guide
/// by default, and with the landmark stages the per-vertebra label image (and optionally a per-level overlay).
/// </summary>
internal static class SegmentCommand
{
    public static Command Create()
    {
        var inputs = InputArgument.Create("Radiographs (JPEG, PNG, DICOM) or folders to walk.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for <name>.mask.png, <name>.levels.png (and overlays).", DefaultValueFactory = _ => new DirectoryInfo("spinekit-segmentation") };
        var models = new Option<string?>("--models") { Description = $"A segmentation model file or a folder of fold models (default: models/{SegmentationModelLocator.FolderName}/)." };
        var overlay = new Option<bool>("--overlay") { Description = "Also write <name>.overlay.png with each vertebral body tinted by level (levels from the landmark model when found)." };
        var postprocess = new Option<bool>("--postprocess") { Description = "Erode, dilate slightly more and keep the largest connected spine (may drop an isolated vertebra)." };
        var threshold = BodyThreshold.CreateOption();
        var mirror = new Option<bool>("--mirror") { Description = "Every model also votes on the left-right mirrored image (twice the time)." };
        var landmarkModel = new Option<string?>("--landmark-model") { Description = $"Landmark model that guides the mask and names the levels (default: models/{ModelLocator.LandmarkModel} with its locator, refiner and level classifier, when present)." };
        var guide = SegmentationGuideOption.Create();
        var shard = ShardOption.Create();
        var maxMegapixels = DecodeLimitOption.Create();
        var overwrite = OutputFile.OverwriteOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON document (every mask written with its figures, every failure with its reason) instead of lines." };
        var command = new Command("segment", "Segment the vertebral bodies: an 8-bit mask per radiograph (0 background, 255 body).");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { output, models, guide, overlay, postprocess, mirror, threshold, landmarkModel, shard, maxMegapixels, overwrite, json })
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
            var landmarkGuide = SegmentationGuideOption.Guide(parseResult.GetValue(guide));
            // Models trained on strip tiles need the landmark stages to plan the tiles, whatever the guide.
            var detector = writeOverlay || landmarkGuide is not null || ensemble.StripTiles is not null
                ? SegmentationGuideOption.LoadDetector(parseResult.GetValue(landmarkModel), errors, "masks cover the whole film and bodies have no levels")
                : null;
            // Where the guide decides every pixel the vote only feeds the overlay's agreement figure: without --overlay it is skipped.
            var segmenter = detector is null ? null : new LandmarkGuidedSegmenter(ensemble, detector, landmarkGuide) { VoteWhenDecided = writeOverlay };
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
                var levelsPath = segmenter is null ? null : Path.Combine(outputDirectory, stem + ".levels.png");
                OutputFile.RequireFree(replace, new[] { maskPath, levelsPath, overlayPath }.OfType<string>().ToArray());
                var grey = image.ToGrayscale();
                var result = segmenter?.Segment(grey, post, mirrorVoting, name);
                var (mask, seconds) = result is null ? Unguided(ensemble.Segment(grey, post, mirrorVoting)) : (result.Mask, result.Seconds);
                OutputFile.Write(maskPath, PngEncoder.Encode(mask, text: pngText), replace);
                var coverage = Coverage(mask);
                var summary = string.Create(CultureInfo.InvariantCulture, $"{file.DisplayName}: {coverage:0.0}% body in {seconds:0.00}s");
                (int Bodies, int WithLevel)? counts = null;
                double? agreement = null;
                if (result is not null)
                {
                    var instances = result.Instances;
                    OutputFile.Write(levelsPath!, PngEncoder.Encode(result.LevelLabels(), text: pngText), replace);
                    if (overlayPath is not null)
                    {
                        OutputFile.Write(overlayPath, PngEncoder.Encode(SegmentationOverlay.Render(image.RenderDisplay(), instances), text: pngText), replace);
                    }

                    counts = (instances.Vertebrae.Count, instances.Vertebrae.Count(v => v.Level is not null));
                    summary += string.Create(CultureInfo.InvariantCulture, $", {counts.Value.Bodies} bodies ({counts.Value.WithLevel} with a level)");
                    if (landmarkGuide is not null && !result.Guided)
                    {
                        summary += ", no spine found by the landmark stages: whole-film mask";
                    }

                    if (result.Vote is null)
                    {
                        summary += ", vote skipped (the guide decides every pixel)";
                    }

                    if (result.Landmarks is { } landmarks && result.Vote is { } vote)
                    {
                        // A second opinion both ways (the vote before the guide): low agreement means one of the two models went wrong here.
                        var fromLandmarks = SegmentationMasks.BodyMask(SegmentationMasks.Render(landmarks));
                        agreement = SegmentationMetrics.Dice(vote.FinalMask.Pixels, fromLandmarks.Pixels);
                        summary += string.Create(CultureInfo.InvariantCulture, $", agreement with the landmarks Dice {agreement:0.00}");
                    }
                }

                report?.Add(writer =>
                {
                    writer.WriteString("input", file.DisplayName);
                    writer.WriteString("mask", maskPath);
                    writer.WriteString("levels", levelsPath);
                    writer.WriteString("overlay", overlayPath);
                    writer.WriteString("imageSha256", item.Sha256);
                    writer.WriteNumber("bodyPercent", Math.Round(coverage, 3));
                    writer.WriteNumber("seconds", Math.Round(seconds, 4));
                    if (result is not null && landmarkGuide is not null)
                    {
                        writer.WriteBoolean("guided", result.Guided);
                        writer.WriteBoolean("voted", result.Vote is not null);
                    }

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

            var guideNote = segmenter?.Guide is null ? "whole-film masks" : "masks guided by the landmark stages";
            console.WriteLine($"{outcome.Describe("segmented")}; {ensemble.Models.Count} models, {BodyThreshold.Describe(ensemble)}, {guideNote}; masks in {outputDirectory}");
            return outcome.ExitCode;
        });
        return command;
    }

    private static (Image<byte> Mask, double Seconds) Unguided(SegmentationPrediction prediction) => (prediction.FinalMask, prediction.Seconds);

    private static double Coverage(Image<byte> mask) => 100.0 * mask.Pixels.Count(p => p != 0) / mask.Pixels.Length;
}
