using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SpineKit.Anatomy;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit evaluate landmarks</c>: scores the landmark model on a labelled dataset.</summary>
internal static class EvaluateLandmarksCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var refiner = DetectorLoader.RefinerOption();
        var levels = DetectorLoader.LevelClassifierOption();
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write an HTML report (figures, PCK curve, worst cases with overlays) here." };
        var split = new Option<EvaluationSplit>("--split") { Description = "The model's own held-out validation images (default), its training images, or all.", DefaultValueFactory = _ => EvaluationSplit.Validation };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON instead of a table." };
        var view = new Option<string>("--view") { Description = "Field of view: usual, zoom2 or zoom3 (the spine on 2x or 3x the area, real full-spine surroundings from --surroundings), lumbar (T12 down) or thoracic (T1-T12).", DefaultValueFactory = _ => "usual" };
        var surroundings = new Option<DirectoryInfo?>("--surroundings") { Description = "Full-spine films with body boxes (fullspine-dev layout); their held-out half surrounds the zoomed-out views." };
        view.Validators.Add(result => OptionChecks.Parses(result, text => EvaluationViews.Parse(text)));
        var command = new Command("landmarks", "Score the landmark model: SMAPE, per-angle and circular MAE, mean radial error, PCK.");
        foreach (var option in new Option[] { data, model, report, split, json, view, surroundings, locator, refiner, levels })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var modelPath = ModelLocator.Resolve(parseResult.GetValue(model), ModelLocator.LandmarkModel);
            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refiner), parseResult.GetValue(levels));
            var chosen = EvaluationViews.Parse(parseResult.GetValue(view)!);
            if (EvaluationViews.NeedsSurroundings(chosen) && parseResult.GetValue(surroundings) is null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("spinekit: --view zoom2 and zoom3 need --surroundings (a folder of full-spine films with labels/boxes.csv)");
                return ExitCodes.UsageError;
            }

            var hosts = parseResult.GetValue(surroundings) is { } folder ? FullSpineDataset.Load(folder.FullName) : null;
            var summary = ProgressDisplay.Run("evaluating", update => LandmarkEvaluator.Evaluate(
                detector, parseResult.GetValue(data)!.FullName, parseResult.GetValue(split),
                new SynchronousProgress<(int Done, int Total)>(p => update((double)p.Done / p.Total, $"{p.Done}/{p.Total}")), chosen, hosts));

            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["images"] = summary.Images.Count,
                    ["failed"] = summary.Failed.Count,
                    ["smapePercent"] = Finite(summary.Smape),
                    ["meanAbsoluteError"] = new[] { Finite(summary.AngleMae.First), Finite(summary.AngleMae.Second), Finite(summary.AngleMae.Third) },
                    ["circularMeanAbsoluteError"] = Finite(summary.CircularMae),
                    ["meanRadialErrorPixels"] = Finite(summary.MeanRadialError),
                    ["meanRadialErrorMillimetres"] = summary.MeanRadialErrorMillimetres,
                    ["pck"] = summary.Pck.ToDictionary(p => p.Fraction.ToString("0.00", CultureInfo.InvariantCulture), p => Finite(p.Percentage)),
                    ["medianSeconds"] = summary.MedianSeconds,
                    ["view"] = EvaluationViews.Name(summary.View),
                    ["inventedLevels"] = summary.InventedLevels,
                    ["imagesWithInventedLevels"] = summary.ImagesWithInventedLevels,
                    ["missedLevels"] = summary.MissedLevels,
                    ["imagesWithShiftedLevels"] = summary.ImagesWithShiftedLevels,
                    ["imagesWithLabelsInDoubt"] = summary.ImagesWithLabelsInDoubt,
                    ["imagesWithoutAngles"] = summary.ImagesWithoutAngles,
                    ["uncertaintyRankCorrelation"] = new[] { Finite(summary.UncertaintyRankCorrelation.First), Finite(summary.UncertaintyRankCorrelation.Second), Finite(summary.UncertaintyRankCorrelation.Third) },
                    ["imagesWithAnglesUncertain"] = summary.FlaggedAngles.Images,
                    ["angleErrorFlagged"] = Finite(summary.FlaggedAngles.MeanAbsoluteError),
                    ["angleErrorUnflagged"] = Finite(summary.UnflaggedAngles.MeanAbsoluteError),
                    ["cleanLabels"] = summary.CleanLabels is not { } clean ? null : new Dictionary<string, object?>
                    {
                        ["images"] = clean.Images.Count,
                        ["smapePercent"] = Finite(clean.Smape),
                        ["meanAbsoluteError"] = new[] { Finite(clean.AngleMae.First), Finite(clean.AngleMae.Second), Finite(clean.AngleMae.Third) },
                        ["meanRadialErrorPixels"] = Finite(clean.MeanRadialError),
                        ["pck"] = clean.Pck.ToDictionary(p => p.Fraction.ToString("0.00", CultureInfo.InvariantCulture), p => Finite(p.Percentage)),
                        ["imagesWithShiftedLevels"] = clean.ImagesWithShiftedLevels,
                    },
                    ["perImage"] = summary.Images.Select(i => new Dictionary<string, object?>
                    {
                        ["file"] = i.Name,
                        ["meanRadialErrorPixels"] = Finite(i.MeanRadialError),
                        ["levelOffset"] = i.LevelOffset,
                        ["vertebraeSeen"] = i.Prediction.Landmarks.Vertebrae.Count(v => v.Confidence > 0),
                        ["meanConfidence"] = Math.Round(SpineFilmGate.MeanConfidence(i.Prediction), 4),
                        ["filmVerdict"] = SpineFilmGate.FromEvidence(i.Prediction).Code,
                        ["labelsInDoubt"] = i.Prediction.LabelsInDoubt,
                        ["inventedLevels"] = i.InventedLevels.Select(VertebraLevels.Name).ToList(),
                        ["missedLevels"] = i.MissedLevels.Select(VertebraLevels.Name).ToList(),
                        ["labelIssues"] = i.LabelIssues.Select(kind => kind.ToString()).ToList(),
                    }).ToList(),
                }));
            }
            else
            {
                var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
                table.AddRow("images", $"{summary.Images.Count} ({summary.Failed.Count} failed)");
                table.AddRow("SMAPE", FormattableString.Invariant($"{summary.Smape:0.00} %"));
                table.AddRow("MAE PT / MT / TL-L", FormattableString.Invariant($"{summary.AngleMae.First:0.00} / {summary.AngleMae.Second:0.00} / {summary.AngleMae.Third:0.00} deg"));
                table.AddRow("circular MAE", FormattableString.Invariant($"{summary.CircularMae:0.00} deg"));
                table.AddRow("mean radial error", FormattableString.Invariant($"{summary.MeanRadialError:0.0} px"));
                foreach (var point in summary.Pck.Where(p => Math.Round(p.Fraction * 100) % 25 == 0 || Math.Round(p.Fraction * 100) == 10))
                {
                    table.AddRow(FormattableString.Invariant($"PCK @ {point.Fraction:0.00} width"), FormattableString.Invariant($"{point.Percentage:0.0} %"));
                }

                table.AddRow("view", EvaluationViews.Name(summary.View));
                table.AddRow("invented levels", $"{summary.InventedLevels} (on {summary.ImagesWithInventedLevels} images)");
                table.AddRow("missed levels", $"{summary.MissedLevels}");
                table.AddRow("images without angles (partial view)", $"{summary.ImagesWithoutAngles}");
                table.AddRow("images with levels shifted (1 or more)", $"{summary.ImagesWithShiftedLevels}");
                table.AddRow("images with 'check the level labels'", $"{summary.ImagesWithLabelsInDoubt}");
                table.AddRow("angle uncertainty vs error (Spearman PT / MT / TL-L)", FormattableString.Invariant($"{summary.UncertaintyRankCorrelation.First:0.00} / {summary.UncertaintyRankCorrelation.Second:0.00} / {summary.UncertaintyRankCorrelation.Third:0.00}"));
                table.AddRow("images with 'check the angles' (mean angle error)", FormattableString.Invariant($"{summary.FlaggedAngles.Images} ({summary.FlaggedAngles.MeanAbsoluteError:0.00} deg; others {summary.UnflaggedAngles.MeanAbsoluteError:0.00} deg)"));
                table.AddRow("median time per image", FormattableString.Invariant($"{summary.MedianSeconds:0.000} s"));
                if (summary.CleanLabels is { } clean)
                {
                    var pck10 = clean.Pck.Where(p => Math.Abs(p.Fraction - 0.1) < 1e-9).Select(p => p.Percentage).DefaultIfEmpty(double.NaN).First();
                    // The films whose labels the sanitizer passed, beside the figures over all.
                    table.AddRow("clean labels: SMAPE / MRE / PCK @ 0.10", FormattableString.Invariant($"{clean.Smape:0.00} % / {clean.MeanRadialError:0.0} px / {pck10:0.0} % ({clean.Images.Count} images, {clean.ImagesWithShiftedLevels} shifted)"));
                }

                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
                console.Write(table);
            }

            foreach (var (name, reason) in summary.Failed)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {name}: {reason}");
            }

            if (parseResult.GetValue(report) is { } reportDirectory)
            {
                var index = EvaluationReport.Write(summary, reportDirectory.FullName, Path.GetFileName(modelPath));
                output.WriteLine($"report written to {index}");
            }

            return summary.Failed.Count > 0 ? ExitCodes.ProcessingError : ExitCodes.Success;
        });
        return command;
    }

    // JSON has no NaN: a figure a view cannot measure (the challenge angles of a partial view) is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
