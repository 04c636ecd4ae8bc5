using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SpineKit.Anatomy;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Segmentation.Evaluation;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit evaluate segmentation</c>: body Dice and IoU of the segmentation ensemble on a labelled dataset.</summary>
internal static class EvaluateSegmentationCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        var models = new Option<string?>("--models") { Description = $"A segmentation model file or a folder of fold models (default: models/{SegmentationModelLocator.FolderName}/)." };
        var split = new Option<EvaluationSplit>("--split") { Description = "The models' held-out validation images, their training images, or all.", DefaultValueFactory = _ => EvaluationSplit.Validation };
        var postprocess = new Option<bool>("--postprocess") { Description = "Also score the post-processed masks (printed beside the raw ones)." };
        var threshold = BodyThreshold.CreateOption();
        var mirror = new Option<bool>("--mirror") { Description = "Every model also votes on the left-right mirrored image (twice the time)." };
        var guide = SegmentationGuideOption.Create();
        var landmarkModel = new Option<string?>("--landmark-model") { Description = $"Landmark model that guides the mask and names the levels (default: models/{ModelLocator.LandmarkModel} with its locator, refiner and level classifier)." };
        var sweep = new Option<bool>("--guide-sweep") { Description = "Also score a grid of guide margins on the same votes and landmarks (for choosing the margins; choose on one --half, report on the other)." };
        var strip = new Option<int?>("--strip-tiles") { Description = "The vote sees this many tiles of a strip cut along the spine the landmark stages find (original resolution), not the whole film (default: the count the models were trained on, 'train segmentation --strip-tiles'; the shipped models were trained on whole films)." };
        strip.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 8)
            {
                result.AddError($"--strip-tiles must be 1 to 8, not {n}");
            }
        });
        var half = new Option<int?>("--half") { Description = "1 or 2: only that half of the selected images (sorted by name, dealt alternately)." };
        half.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } h && h is not (1 or 2))
            {
                result.AddError($"--half must be 1 or 2, not {h}");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON instead of lines and a table." };
        var command = new Command("segmentation", "Score the vertebral-body segmentation: Dice and IoU per image and overall.");
        foreach (var option in new Option[] { data, models, split, half, guide, landmarkModel, sweep, strip, postprocess, mirror, threshold, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var ensemble = BodyThreshold.Apply(SegmentationEnsemble.Load(SegmentationModelLocator.Resolve(parseResult.GetValue(models))), parseResult.GetValue(threshold));
            foreach (var (file, reason) in ensemble.Skipped)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {file} skipped: {reason}");
            }

            var post = parseResult.GetValue(postprocess) ? SegmentationPostProcessing.Default : null;
            var landmarkGuide = SegmentationGuideOption.Guide(parseResult.GetValue(guide));
            var grid = parseResult.GetValue(sweep) ? LandmarkGuide.SweepGrid : null;
            var stripTiles = parseResult.GetValue(strip) ?? ensemble.StripTiles;
            var detector = landmarkGuide is not null || grid is not null || stripTiles is not null
                ? DetectorLoader.Create(parseResult.GetValue(landmarkModel), null)
                : null;
            var summary = ProgressDisplay.Run("evaluating", update => SegmentationEvaluator.Evaluate(
                ensemble, parseResult.GetValue(data)!.FullName, parseResult.GetValue(split), post,
                new SynchronousProgress<(int Done, int Total)>(p => update((double)p.Done / p.Total, $"{p.Done}/{p.Total}")),
                parseResult.GetValue(mirror), detector, landmarkGuide, grid, parseResult.GetValue(half), stripTiles));

            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["models"] = ensemble.Models.Count,
                    ["mirrorVoting"] = parseResult.GetValue(mirror),
                    ["bodyThreshold"] = ensemble.BodyThreshold,
                    ["half"] = parseResult.GetValue(half),
                    ["stripTiles"] = stripTiles,
                    ["guide"] = landmarkGuide is null ? null : GuideJson(landmarkGuide),
                    ["fallbacks"] = detector is null ? null : summary.Fallbacks,
                    ["diceUnguided"] = summary.MeanUnguidedDice,
                    ["diceLandmarkQuadrilaterals"] = summary.MeanLandmarkDice,
                    ["perLevel"] = summary.MeanLevelDice.Count == 0 ? null : LevelsJson(summary.MeanLevelDice, summary.MeanMatchedLevelDice),
                    ["guideSweep"] = grid?.Zip(summary.MeanSweepDice, (g, d) => new Dictionary<string, object?>(GuideJson(g)) { ["dice"] = d }),
                    ["images"] = summary.Images.Count,
                    ["failed"] = summary.Failed.Count,
                    ["dice"] = summary.MeanDice,
                    ["iou"] = summary.MeanIoU,
                    ["dicePostprocessed"] = summary.MeanPostProcessedDice,
                    ["iouPostprocessed"] = summary.MeanPostProcessedIoU,
                    ["medianSeconds"] = summary.MedianSeconds,
                    ["cleanLabels"] = summary.CleanLabelImages is { Count: > 0 } clean
                        ? new Dictionary<string, object?> { ["images"] = clean.Count, ["dice"] = clean.Average(i => i.Dice), ["imagesBelow070"] = clean.Count(i => i.Dice < 0.70) }
                        : null,
                    ["perImage"] = summary.Images.Select(i => new Dictionary<string, object?>
                    {
                        ["image"] = i.Name,
                        ["dice"] = i.Dice,
                        ["iou"] = i.IoU,
                        ["dicePostprocessed"] = i.PostProcessedDice,
                        ["iouPostprocessed"] = i.PostProcessedIoU,
                        ["diceUnguided"] = i.UnguidedDice,
                        ["diceLandmarkQuadrilaterals"] = i.LandmarkDice,
                        ["guided"] = i.Guided,
                        ["perLevel"] = i.LevelDice is null ? null : LevelsJson(i.LevelDice, i.MatchedLevelDice!),
                        ["guideSweepDice"] = i.SweepDice,
                        ["labelIssues"] = i.LabelIssues.Select(kind => kind.ToString()).ToList(),
                    }),
                }));
            }
            else
            {
                foreach (var image in summary.Images)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{image.Name}: Dice {image.Dice:0.0000} IoU {image.IoU:0.0000}")
                        + (image.PostProcessedDice is { } d ? string.Create(CultureInfo.InvariantCulture, $"; post-processed Dice {d:0.0000} IoU {image.PostProcessedIoU:0.0000}") : string.Empty));
                }

                var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
                table.AddRow("models", ensemble.Models.Count.ToString(CultureInfo.InvariantCulture) + (parseResult.GetValue(mirror) ? " (and mirrored)" : string.Empty));
                table.AddRow("decision", BodyThreshold.Describe(ensemble));
                table.AddRow("images", $"{summary.Images.Count} ({summary.Failed.Count} failed)");
                table.AddRow("mean Dice", FormattableString.Invariant($"{summary.MeanDice:0.0000}"));
                table.AddRow("mean IoU", FormattableString.Invariant($"{summary.MeanIoU:0.0000}"));
                if (landmarkGuide is not null)
                {
                    table.AddRow("guide", $"landmarks ({summary.Fallbacks} fallbacks)");
                    table.AddRow("mean Dice, vote alone", FormattableString.Invariant($"{summary.MeanUnguidedDice:0.0000}"));
                }

                if (summary.MeanLandmarkDice is { } quadrilaterals)
                {
                    table.AddRow("mean Dice, quadrilaterals", FormattableString.Invariant($"{quadrilaterals:0.0000}"));
                }

                var matched = summary.MeanMatchedLevelDice;
                foreach (var (level, levelDice) in summary.MeanLevelDice)
                {
                    table.AddRow($"{level} Dice named / matched", FormattableString.Invariant($"{levelDice:0.0000} / {matched[level]:0.0000}"));
                }

                if (summary.MeanPostProcessedDice is { } dice)
                {
                    table.AddRow("mean Dice, post-processed", FormattableString.Invariant($"{dice:0.0000}"));
                    table.AddRow("mean IoU, post-processed", FormattableString.Invariant($"{summary.MeanPostProcessedIoU:0.0000}"));
                }

                table.AddRow("median time per image", FormattableString.Invariant($"{summary.MedianSeconds:0.000} s"));
                if (summary.CleanLabelImages is { Count: > 0 } cleanImages)
                {
                    // The films whose labels the sanitizer passed, beside the mean over all.
                    table.AddRow("mean Dice, clean labels", FormattableString.Invariant($"{cleanImages.Average(i => i.Dice):0.0000} ({cleanImages.Count} images, {cleanImages.Count(i => i.Dice < 0.70)} below 0.70)"));
                }

                AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No }).Write(table);

                // The long descriptions go below the table, one line each, so its columns stay narrow.
                if (landmarkGuide is not null)
                {
                    output.WriteLine($"guide: {Describe(landmarkGuide)}; the vote's mask where no spine was found; quadrilaterals: the predicted T1..L5 filled; named / matched: per-vertebra Dice of the body named with the level / of the body overlapping it most");
                }

                if (grid is not null)
                {
                    foreach (var (candidate, candidateDice) in grid.Zip(summary.MeanSweepDice))
                    {
                        output.WriteLine(FormattableString.Invariant($"sweep: Dice {candidateDice:0.0000} with {Describe(candidate)}"));
                    }
                }
            }

            foreach (var (name, reason) in summary.Failed)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {name}: {reason}");
            }

            return summary.Failed.Count > 0 ? ExitCodes.ProcessingError : ExitCodes.Success;
        });
        return command;
    }

    // Levels are data, not keys: one object per level keeps every key camelCase.
    private static IEnumerable<Dictionary<string, object?>> LevelsJson(IReadOnlyDictionary<VertebraLevel, double> named, IReadOnlyDictionary<VertebraLevel, double> matched) =>
        named.Select(p => new Dictionary<string, object?> { ["level"] = p.Key.ToString(), ["dice"] = p.Value, ["diceMatched"] = matched.GetValueOrDefault(p.Key) });

    private static Dictionary<string, object?> GuideJson(LandmarkGuide guide) => new()
    {
        ["lateralMargin"] = guide.LateralMargin,
        ["verticalMargin"] = guide.VerticalMargin,
        ["cutGaps"] = guide.CutGaps,
        ["interiorInset"] = guide.InteriorInset,
    };

    private static string Describe(LandmarkGuide guide) => FormattableString.Invariant(
        $"margins {guide.LateralMargin:0.00} wide x {guide.VerticalMargin:0.00} high, gaps {(guide.CutGaps ? "cut" : "kept")}, ")
        + (guide.InteriorInset is { } inset ? FormattableString.Invariant($"body inside the quadrilateral inset by {inset:0.00}") : "the vote decides inside");
}
