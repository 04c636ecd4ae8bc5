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

    /// <summary>Median segmentation seconds per image.</summary>
    public double MedianSeconds => Statistics.Median(Images.Select(i => i.Seconds));
}
