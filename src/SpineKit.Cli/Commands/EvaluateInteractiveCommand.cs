using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit evaluate interactive</c>: simulated clicks, model revision against manual revision.</summary>
internal static class EvaluateInteractiveCommand
{
    private static readonly double[] Thresholds = [10, 20, 30, 40];

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        var clicks = new Option<int>("--clicks") { Description = "Clicks simulated per image.", DefaultValueFactory = _ => 5 };
        clicks.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 68)
            {
                result.AddError("--clicks must be between 0 and 68");
            }
        });
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var split = new Option<EvaluationSplit>("--split") { Description = "The model's own held-out validation images (default, like the other evaluate commands), its training images, or all.", DefaultValueFactory = _ => EvaluationSplit.Validation };
        var predictionsOut = new Option<DirectoryInfo?>("--predictions-out") { Description = "Write the predictions after each click count in the challenge layout (clicks-0/, clicks-1/, ...)." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var refinerOption = DetectorLoader.RefinerOption();
        var locator = DetectorLoader.LocatorOption();
        var levels = DetectorLoader.LevelClassifierOption();
        var command = new Command("interactive", "Simulate clicks (the worst corner, given its true position) and report the error after each, NoC@t and FR@t.");
        foreach (var option in new Option[] { data, clicks, model, split, predictionsOut, json, refinerOption, locator, levels })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var refiner = new InteractiveRefiner(DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refinerOption), parseResult.GetValue(levels)));
            var k = parseResult.GetValue(clicks);
            var summary = ProgressDisplay.Run("clicking", update => InteractiveEvaluator.Evaluate(
                refiner, parseResult.GetValue(data)!.FullName, k, parseResult.GetValue(split),
                new SynchronousProgress<(int Done, int Total)>(p => update((double)p.Done / p.Total, $"{p.Done}/{p.Total}"))));

            if (parseResult.GetValue(predictionsOut) is { } folder)
            {
                for (var c = 0; c <= k; c++)
                {
                    ChallengeRows.Write(Path.Combine(folder.FullName, $"clicks-{c}"), summary.Names, summary.PredictionsByClicks[c], refiner.Detector.Model.LevelCount,
                        (name, reason) => parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {name} after {c} clicks: {reason}"));
                }
            }

            var output = parseResult.InvocationConfiguration.Output;
            var modelCurve = Enumerable.Range(0, k + 1).Select(c => InteractiveMetrics.ErrorAfterClicks(summary.ModelErrors, c)).ToArray();
            var manualCurve = Enumerable.Range(0, k + 1).Select(c => InteractiveMetrics.ErrorAfterClicks(summary.ManualErrors, c)).ToArray();

            // Beside the figures, not instead of them: films whose labels the sanitizer passed, where a click is never
            // placed on a wrong label.
            var clean = summary.CleanLabelImages.Select(i => summary.ModelErrors[i]).ToList();
            var cleanCurve = clean.Count == 0 ? [] : Enumerable.Range(0, k + 1).Select(c => InteractiveMetrics.ErrorAfterClicks(clean, c)).ToArray();
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["images"] = summary.Names.Count,
                    ["clicks"] = k,
                    ["modelMeanRadialErrorPixels"] = modelCurve,
                    ["manualMeanRadialErrorPixels"] = manualCurve,
                    ["noc"] = Thresholds.ToDictionary(t => t.ToString(CultureInfo.InvariantCulture), t => InteractiveMetrics.NumberOfClicks(summary.ModelErrors, t, k)),
                    ["fr"] = Thresholds.ToDictionary(t => t.ToString(CultureInfo.InvariantCulture), t => InteractiveMetrics.FailureRate(summary.ModelErrors, t, k)),
                    ["medianClickSeconds"] = summary.MedianClickSeconds,
                    ["cleanLabels"] = new Dictionary<string, object>
                    {
                        ["images"] = clean.Count,
                        ["modelMeanRadialErrorPixels"] = cleanCurve,
                    },
                    ["perImage"] = summary.Names.Select((name, i) => new Dictionary<string, object>
                    {
                        ["image"] = name,
                        ["modelMeanRadialErrorPixels"] = summary.ModelErrors[i],
                        ["manualMeanRadialErrorPixels"] = summary.ManualErrors[i],
                        ["labelIssues"] = (i < summary.LabelIssues.Count ? summary.LabelIssues[i] : []).Select(kind => kind.ToString()).ToList(),
                    }).ToList(),
                }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("clicks").AddColumn(new TableColumn("model revision (px)").RightAligned()).AddColumn(new TableColumn("manual revision (px)").RightAligned());
            for (var c = 0; c <= k; c++)
            {
                table.AddRow(c.ToString(CultureInfo.InvariantCulture), modelCurve[c].ToString("0.00", CultureInfo.InvariantCulture), manualCurve[c].ToString("0.00", CultureInfo.InvariantCulture));
            }

            var thresholds = new Table().AddColumn("t (px)").AddColumn(new TableColumn("NoC@t").RightAligned()).AddColumn(new TableColumn("FR@t").RightAligned());
            foreach (var t in Thresholds)
            {
                thresholds.AddRow(t.ToString(CultureInfo.InvariantCulture),
                    InteractiveMetrics.NumberOfClicks(summary.ModelErrors, t, k).ToString("0.00", CultureInfo.InvariantCulture),
                    (100 * InteractiveMetrics.FailureRate(summary.ModelErrors, t, k)).ToString("0.0", CultureInfo.InvariantCulture) + " %");
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
            console.Write(table);
            console.Write(thresholds);
            output.WriteLine(FormattableString.Invariant($"{summary.Names.Count} images, median {summary.MedianClickSeconds * 1000:0} ms per click"));
            output.WriteLine(clean.Count == 0
                ? "no image has labels the sanitizer passed"
                : FormattableString.Invariant($"{clean.Count} images whose labels the sanitizer passed (the others' clicks can land on a wrong label): model revision after 0..{k} clicks {string.Join(", ", cleanCurve.Select(e => e.ToString("0.00", CultureInfo.InvariantCulture)))} px"));
            return ExitCodes.Success;
        });
        return command;
    }
}
