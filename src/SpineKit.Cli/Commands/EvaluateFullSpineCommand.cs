using System.CommandLine;
using System.Text.Json;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit evaluate fullspine</c>: does the landmark model stay on the spine of full-spine films?</summary>
internal static class EvaluateFullSpineCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Full-spine films with body boxes (images/ and labels/boxes.csv, the fullspine-dev layout).", Required = true };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var refiner = DetectorLoader.RefinerOption();
        var levels = DetectorLoader.LevelClassifierOption();
        var films = new Option<string>("--films") { Description = "evaluation (the seeded half no training sees), surroundings (the half field-of-view training uses) or all.", DefaultValueFactory = _ => "evaluation" };
        films.AcceptOnlyFromAmong("evaluation", "surroundings", "all");
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write an HTML page of the worst films here." };
        var command = new Command("fullspine", "Check that predicted vertebrae stay in the spine corridor of full-spine films: centres in boxes, boxes hit, centres in the corridor.");
        foreach (var option in new Option[] { data, model, films, report, locator, refiner, levels })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var modelPath = ModelLocator.Resolve(parseResult.GetValue(model), ModelLocator.LandmarkModel);
            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refiner), parseResult.GetValue(levels));
            var dataset = FullSpineDataset.Load(parseResult.GetValue(data)!.FullName);
            var selected = parseResult.GetValue(films) switch
            {
                "surroundings" => dataset.SurroundingFilms,
                "all" => dataset.Films,
                _ => dataset.EvaluationFilms,
            };
            var summary = ProgressDisplay.Run("checking", update => FullSpineEvaluator.Evaluate(detector, selected,
                new SynchronousProgress<(int Done, int Total)>(p => update((double)p.Done / p.Total, $"{p.Done}/{p.Total}"))));
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["films"] = summary.Films.Count,
                ["selection"] = parseResult.GetValue(films),
                ["failed"] = summary.FailedFilms,
                ["centersInBoxPercent"] = summary.CentersInBoxPercent,
                ["boxesHitPercent"] = summary.BoxesHitPercent,
                ["centersInCorridorPercent"] = summary.CentersInCorridorPercent,
                ["filmsWithOutsidePredictions"] = summary.FilmsWithOutsidePredictions,
            }));
            foreach (var failed in summary.Films.Where(f => f.Error is not null))
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {failed.Film.Name}: {failed.Error}");
            }

            if (parseResult.GetValue(report) is { } directory)
            {
                output.WriteLine($"report written to {FullSpineReport.Write(summary, directory.FullName, Path.GetFileName(modelPath))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
