using System.CommandLine;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit analyze</c>: finds T1..L5 with their corners and measures the curves on every radiograph given.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Radiographs (JPEG, PNG, DICOM) or folders to walk.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for <name>.json (and overlays).", DefaultValueFactory = _ => new DirectoryInfo("spinekit-results") };
        var overlay = new Option<bool>("--overlay") { Description = "Also write <name>.overlay.png with corners, end plates and angles drawn." };
        var csv = new Option<DirectoryInfo?>("--aasce-csv") { Description = "Also write filenames.csv, landmarks.csv and angles.csv (challenge layout) for the batch here." };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var shard = new Option<string?>("--shard") { Description = "Process only shard I of N (I/N, 0 <= I < N) of the sorted inputs." };
        shard.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !InputFiles.TryParseShard(text, out _, out _))
            {
                result.AddError($"--shard must be I/N with 0 <= I < N (e.g. 0/4), not '{text}'");
            }
        });
        var command = new Command("analyze", "Find every vertebra T1..L5 with its four corners and report the Cobb angles and curves.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { output, overlay, csv, model, shard, locator })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var errors = parseResult.InvocationConfiguration.Error;
            var files = InputFiles.Shard(InputFiles.Expand(parseResult.GetValue(inputs)!), parseResult.GetValue(shard));
            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator));
            var outputDirectory = Directory.CreateDirectory(parseResult.GetValue(output)!.FullName).FullName;
            var writeOverlay = parseResult.GetValue(overlay);
            var csvEntries = new List<ChallengeEntry>();
            var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            int done = 0, failed = 0, skipped = 0;

            ProgressDisplay.Run("analyzing", report =>
            {
                foreach (var (path, isExplicit) in files)
                {
                    report((double)(done + failed + skipped) / files.Count, Path.GetFileName(path));
                    var name = Path.GetFileName(path);
                    try
                    {
                        var bytes = File.ReadAllBytes(path);
                        if (!isExplicit && ImageReader.DetectFormat(bytes) is null)
                        {
                            skipped++;
                            continue;
                        }

                        var image = ImageReader.Read(bytes);
                        var spacing = RadiographSpacing.Of(image);
                        var prediction = detector.Detect(image.ToGrayscale(), spacing, imageName: name);
                        var stem = OutputNames.UniqueStem(Path.GetFileNameWithoutExtension(path), usedNames);
                        var spacingSource = spacing is null ? null : image.Metadata.PixelSpacingSource.ToString();
                        File.WriteAllText(Path.Combine(outputDirectory, stem + ".json"), AnalysisJson.Write(prediction, name, spacingSource));
                        if (writeOverlay)
                        {
                            var picture = OverlayRenderer.Render(image.RenderDisplay(), prediction);
                            File.WriteAllBytes(Path.Combine(outputDirectory, stem + ".overlay.png"), PngEncoder.Encode(picture));
                        }

                        if (prediction.Landmarks.Vertebrae.Count >= detector.Model.LevelCount)
                        {
                            csvEntries.Add(ChallengeEntry.FromLandmarks(name, prediction.Landmarks));
                        }
                        else if (parseResult.GetValue(csv) is not null)
                        {
                            // The challenge layout has every level of the model: a partial view has no row to give.
                            errors.WriteLine($"spinekit: {name}: partial view, left out of the challenge CSV (its JSON lists the levels present)");
                        }
                        console.WriteLine(Summary(name, prediction));
                        done++;
                    }
                    catch (Exception exception) when (UserFacingError.TryDescribe(exception, out var message))
                    {
                        errors.WriteLine($"spinekit: {name}: {message}");
                        failed++;
                    }
                }

                return 0;
            });

            if (parseResult.GetValue(csv) is { } csvDirectory)
            {
                ChallengeDataset.Write(Directory.CreateDirectory(csvDirectory.FullName).FullName, csvEntries);
                console.WriteLine($"challenge CSV for {csvEntries.Count} images written to {csvDirectory.FullName}");
            }

            console.WriteLine($"{done} analysed, {failed} failed, {skipped} skipped (not images); results in {outputDirectory}");
            return failed > 0 || done == 0 ? ExitCodes.ProcessingError : ExitCodes.Success;
        });
        return command;
    }

    private static string Summary(string name, LandmarkPrediction prediction)
    {
        var vertebrae = prediction.Landmarks.Vertebrae;
        var inferred = vertebrae.Count(v => v.Confidence <= 0);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{name}: {VertebraLevels.Name(vertebrae[0].Level)}-{VertebraLevels.Name(vertebrae[^1].Level)} ({vertebrae.Count} vertebrae{(inferred > 0 ? $", {inferred} inferred" : string.Empty)}) in {prediction.Seconds:0.00}s");
        if (prediction.LabelsInDoubt)
        {
            text += "; CHECK THE LEVEL LABELS (a labelling one level off scores almost as well)";
        }

        if (prediction.Cobb.Challenge is { } challenge)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; Cobb {challenge.Angles.First:0.0}/{challenge.Angles.Second:0.0}/{challenge.Angles.Third:0.0} deg");
        }
        else
        {
            text += "; partial view: the challenge angles need T1-L5";
        }

        foreach (var curve in prediction.Cobb.Clinical.Curves)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; {curve.Region} {VertebraLevels.Name(curve.UpperEnd)}-{VertebraLevels.Name(curve.LowerEnd)} {curve.CobbAngle:0.0} deg ({curve.Severity}, apex {VertebraLevels.Name(curve.Apex)})");
        }

        return text;
    }
}
