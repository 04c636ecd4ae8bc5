using SpineKit.Anatomy;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>Per-image scores and their means (each image weighs the same).</summary>
/// <param name="Images">Scored images, in dataset order.</param>
/// <param name="Failed">Images that could not be scored, with the reason.</param>
public sealed record SegmentationEvaluationSummary(IReadOnlyList<SegmentationImageScore> Images, IReadOnlyList<(string Name, string Reason)> Failed)
{
    /// <summary>Mean raw Dice.</summary>
    public double MeanDice => Images.Average(i => i.Dice);

    /// <summary>Mean raw IoU.</summary>
    public double MeanIoU => Images.Average(i => i.IoU);

    /// <summary>Mean post-processed Dice, when post-processing was asked for.</summary>
    public double? MeanPostProcessedDice => Images.All(i => i.PostProcessedDice is not null) ? Images.Average(i => i.PostProcessedDice!.Value) : null;

    /// <summary>Mean post-processed IoU, when post-processing was asked for.</summary>
    public double? MeanPostProcessedIoU => Images.All(i => i.PostProcessedIoU is not null) ? Images.Average(i => i.PostProcessedIoU!.Value) : null;

    /// <summary>Mean Dice of the raw vote without the guide, when a guide was given.</summary>
    public double? MeanUnguidedDice => Images.All(i => i.UnguidedDice is not null) ? Images.Average(i => i.UnguidedDice!.Value) : null;

    /// <summary>Mean Dice of the filled predicted quadrilaterals alone, when the landmark stages ran.</summary>
    public double? MeanLandmarkDice => Images.All(i => i.LandmarkDice is not null) ? Images.Average(i => i.LandmarkDice!.Value) : null;

    /// <summary>Images where the landmark stages ran but found nothing to guide by (the whole-film mask was kept).</summary>
    public int Fallbacks => Images.Count(i => i.Guided == false);

    /// <summary>Mean per-vertebra Dice by level, over the images whose labels hold the level (empty when the landmark stages did not run).</summary>
    public IReadOnlyDictionary<VertebraLevel, double> MeanLevelDice => MeanByLevel(i => i.LevelDice);

    /// <summary>Mean per-vertebra Dice by level with the names left out (each labelled body against the predicted body overlapping it most).</summary>
    public IReadOnlyDictionary<VertebraLevel, double> MeanMatchedLevelDice => MeanByLevel(i => i.MatchedLevelDice);

    /// <summary>Mean Dice under each guide of the sweep, in the sweep's order (empty without a sweep).</summary>
    public IReadOnlyList<double> MeanSweepDice =>
        Images.All(i => i.SweepDice is not null) && Images.Count > 0
            ? Enumerable.Range(0, Images[0].SweepDice!.Count).Select(k => Images.Average(i => i.SweepDice![k])).ToList()
            : [];

    /// <summary>The mean by level of one per-level figure over the images that have it.</summary>
    private Dictionary<VertebraLevel, double> MeanByLevel(Func<SegmentationImageScore, IReadOnlyDictionary<VertebraLevel, double>?> figure) =>
        Images.Select(figure)
            .OfType<IReadOnlyDictionary<VertebraLevel, double>>()
            .SelectMany(levels => levels)
            .GroupBy(p => p.Key)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Value));

    /// <summary>
    /// The images whose labels the label sanitizer found nothing wrong with (a film whose labels cross or lie on one body
    /// scores the mask against a wrong truth); their mean Dice is reported beside <see cref="MeanDice"/>, never instead.
    /// </summary>
    public IReadOnlyList<SegmentationImageScore> CleanLabelImages => [.. Images.Where(i => i.LabelIssues.Count == 0)];

    /// <summary>Median segmentation seconds per image.</summary>
    public double MedianSeconds => Statistics.Median(Images.Select(i => i.Seconds));
}
