using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Clinical;
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
        var inputs = InputArgument.Create("Radiographs (JPEG, PNG, DICOM) or folders to walk.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for <name>.json (and overlays).", DefaultValueFactory = _ => new DirectoryInfo("spinekit-results") };
        var overlay = new Option<bool>("--overlay") { Description = "Also write <name>.overlay.png with corners, end plates and angles drawn." };
        var dicomOut = new Option<DirectoryInfo?>("--dicom-out") { Description = "For DICOM inputs, also write <name>.sr.dcm (measurement report, DICOM SR) and <name>.overlay.dcm (the overlay, Secondary Capture) here, in the source's study." };
        var csv = new Option<DirectoryInfo?>("--aasce-csv") { Description = "Also write filenames.csv, landmarks.csv and angles.csv (challenge layout) for the batch here." };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var refiner = DetectorLoader.RefinerOption();
        var levels = DetectorLoader.LevelClassifierOption();
        var shard = ShardOption.Create();
        var maxMegapixels = DecodeLimitOption.Create();
        var force = new Option<bool>("--force") { Description = "Measure images the film check refuses (not a spine film, lateral view); their results still carry the reasons." };
        var overwrite = OutputFile.OverwriteOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON document (every result with its analysis, every failure with its reason) instead of lines." };
        var command = new Command("analyze", "Find every vertebra T1..L5 with its four corners and report the Cobb angles and curves.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { output, overlay, dicomOut, csv, model, shard, locator, refiner, levels, maxMegapixels, force, overwrite, json })
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

            // Everything that can fail for the whole batch fails before the first film: inputs, model, output folders.
            var outputDirectory = OutputFolder.Prepare(parseResult.GetValue(output)!.FullName, "--out");
            var csvDirectory = parseResult.GetValue(csv) is { } csvFolder ? OutputFolder.Prepare(csvFolder.FullName, "--aasce-csv") : null;
            var dicomOutputs = parseResult.GetValue(dicomOut) is { } dicomFolder ? new DicomOutputs(OutputFolder.Prepare(dicomFolder.FullName, "--dicom-out")) : null;
            var readOptions = DecodeLimitOption.ToReadOptions(parseResult.GetValue(maxMegapixels));
            var files = InputFiles.Shard(
                InputFiles.Expand(parseResult.GetValue(inputs)!, outputDirectory, note => errors.WriteLine($"spinekit: {note}")),
                parseResult.GetValue(shard));
            if (csvDirectory is not null)
            {
                // The challenge CSVs belong to the whole batch: existing ones stop it before the first film.
                OutputFile.RequireFree(replace, [.. new[] { ChallengeDataset.FilenamesFile, ChallengeDataset.LandmarksFile, ChallengeDataset.AnglesFile }.Select(f => Path.Combine(csvDirectory, f))]);
            }

            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refiner), parseResult.GetValue(levels));
            var models = AnalysisProvenance.ModelsOf(detector);
            console.WriteLine($"spinekit {SpineKitApp.Version} (research use only, not for diagnosis), {string.Join(", ", models.Select(m => $"{m.Role} model {m.File}"))}");
            var writeOverlay = parseResult.GetValue(overlay);
            var forced = parseResult.GetValue(force);
            var pngText = PngProvenance.Text(models.Select(m => $"{m.Role} model {m.File.Name} sha256 {m.File.Sha256}"));
            var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using var challengeCsv = csvDirectory is null ? null : new ChallengeCsvWriter(csvDirectory);

            var outcome = BatchRunner.Run("analyzing", files, readOptions, console, errors, item =>
            {
                var (file, image) = (item.File, item.Image);
                var name = Path.GetFileName(file.Path);
                var stem = OutputNames.UniqueStem(Path.GetFileNameWithoutExtension(file.Path), usedNames);
                var jsonPath = Path.Combine(outputDirectory, stem + ".json");
                var overlayPath = writeOverlay ? Path.Combine(outputDirectory, stem + ".overlay.png") : null;
                OutputFile.RequireFree(replace, writeOverlay ? [jsonPath, overlayPath!] : [jsonPath]);
                var dicomRefusal = dicomOutputs is null ? null : DicomOutputs.Refusal(image);
                Imaging.Formats.Dicom.DicomPatientStudy? dicomSource = null;
                if (dicomOutputs is not null && dicomRefusal is null)
                {
                    var (reportPath, picturePath) = dicomOutputs.PathsFor(stem);
                    OutputFile.RequireFree(replace, [reportPath, picturePath]);
                    dicomSource = DicomOutputs.ReadSource(file.Path, readOptions);
                }

                // The file's own attributes can refuse it before the network runs; --force measures it anyway.
                var assessment = SpineFilmGate.FromMetadata(image.Metadata);
                if (assessment.Refused && !forced)
                {
                    throw new Detection.NotASpineFilmException(assessment);
                }

                var spacing = RadiographSpacing.Of(image);
                var prediction = detector.Detect(image.ToGrayscale(), spacing, imageName: name);
                assessment = assessment.Combine(SpineFilmGate.FromEvidence(prediction));
                var spacingSource = spacing is null ? null : image.Metadata.PixelSpacingSource.ToString();
                var provenance = new AnalysisProvenance(SpineKitApp.Version, models, DateTimeOffset.UtcNow, item.Sha256) { Dicom = DicomInstance.Of(image.Metadata) };
                var analysis = AnalysisJson.Write(prediction, file.DisplayName, spacingSource, provenance, assessment, orientation: ImageOrientation.Parse(image.Metadata.PatientOrientation));
                OutputFile.Write(jsonPath, analysis, replace);
                var picture = overlayPath is not null || dicomSource is not null ? OverlayRenderer.Render(image.RenderDisplay(), prediction) : null;
                if (overlayPath is not null)
                {
                    OutputFile.Write(overlayPath, PngEncoder.Encode(picture!, text: pngText), replace);
                }

                if (dicomSource is not null)
                {
                    dicomOutputs!.Write(stem, dicomSource, prediction, provenance, picture!, image.Metadata.FrameIndex, replace);
                }
                else if (dicomRefusal is not null)
                {
                    errors.WriteLine($"spinekit: {file.DisplayName}: {dicomRefusal}");
                }

                report?.Add(writer =>
                {
                    writer.WriteString("input", file.DisplayName);
                    writer.WriteString("json", jsonPath);
                    writer.WriteString("overlay", overlayPath);
                    writer.WritePropertyName("analysis");
                    using var document = JsonDocument.Parse(analysis);
                    document.RootElement.WriteTo(writer);
                });

                if (challengeCsv is not null)
                {
                    if (ChallengeRows.WhyNot(name, prediction.Landmarks, detector.Model.LevelCount) is { } reason)
                    {
                        errors.WriteLine($"spinekit: {file.DisplayName}: {reason} (its JSON has the result)");
                    }
                    else
                    {
                        challengeCsv.Add(ChallengeEntry.FromLandmarks(name, prediction.Landmarks));
                    }
                }

                var line = Summary(file.DisplayName, prediction);
                return assessment.Verdict == FilmVerdict.ApSpine ? line : $"{line}; {assessment.Verdict.ToString().ToUpperInvariant()}: {string.Join("; ", assessment.Reasons)}";
            }, quiet: report is not null);

            if (report is not null)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(report.Write(
                    "spinekit.analyze-run/1", models.Select(m => (m.Role, m.File.Name, (string?)m.File.Sha256)), outputDirectory, outcome));
                return outcome.ExitCode;
            }

            if (challengeCsv is not null)
            {
                console.WriteLine($"challenge CSV for {challengeCsv.Count} images written to {csvDirectory}");
            }

            console.WriteLine($"{outcome.Describe("analysed")}; results in {outputDirectory}");
            return outcome.ExitCode;
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
            text += "; CHECK THE LEVEL LABELS (a labelling one level off scores almost as well, or an end vertebra's own crop does not support its name)";
        }

        if (prediction.Cobb.Challenge is { } challenge)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; AASCE challenge angles {challenge.Angles.First:0.0}/{challenge.Angles.Second:0.0}/{challenge.Angles.Third:0.0} deg");
        }
        else
        {
            text += "; partial view: the challenge angles need T1-L5";
        }

        if (prediction.Uncertainty is { IsUncertain: true })
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; CHECK THE ANGLES (an angle moves more than {AngleUncertainty.FlagDegrees:0} deg between the corner model's and the refiner's corners)");
        }

        var curves = prediction.Cobb.Clinical.Curves.Select((curve, i) => string.Create(CultureInfo.InvariantCulture,
            $"{(curve.IsMajor ? "major " : string.Empty)}{curve.Region} {VertebraLevels.Name(curve.UpperEnd)}-{VertebraLevels.Name(curve.LowerEnd)} {curve.CobbAngle:0.0} deg ({curve.Severity}, apex {VertebraLevels.Name(curve.Apex)}{(curve.ReachesLastFoundLevel ? ", may continue past the levels found" : string.Empty)}{CurveSpread(prediction.Uncertainty, i)})"));
        text += $"; clinical curves (10 deg or more): {string.Join(", ", curves.DefaultIfEmpty("none"))}";

        return text;
    }

    /// <summary>The curve's uncertainty in its summary, only where it flags the film (the line stays short otherwise).</summary>
    private static string CurveSpread(AngleUncertainty? uncertainty, int curve) =>
        uncertainty is not null && curve < uncertainty.Curves.Count && uncertainty.Curves[curve] is > AngleUncertainty.FlagDegrees and var spread
            ? string.Create(CultureInfo.InvariantCulture, $", uncertain by {spread:0.0} deg")
            : string.Empty;
}
