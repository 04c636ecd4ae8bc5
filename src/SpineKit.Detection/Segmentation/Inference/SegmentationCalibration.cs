using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>
/// Chooses a fold model's body threshold (<see cref="ClassProbabilities.Decide"/>) on that fold's own
/// validation images, which it did not train on, so the held-out validation split stays untouched.
/// Time-budgeted models draw bodies too tall (into the gaps) far more often than too small; taking body
/// only where the model is surer than one half trades those false positives for a few misses.
/// </summary>
internal static class SegmentationCalibration
{
    /// <summary>The thresholds tried, 0.30 to 0.90 in steps of 0.05.</summary>
    public static IReadOnlyList<double> Thresholds { get; } = Enumerable.Range(0, 13).Select(i => 0.30 + (0.05 * i)).ToArray();

    /// <summary>
    /// The threshold with the highest mean body Dice over the examples (ties go to the one nearest one half)
    /// with that Dice and the Dice of the plain arg-max.
    /// </summary>
    /// <param name="probabilities">Per example, class probabilities <c>[3, H, W]</c>.</param>
    /// <param name="truths">Per example, the true class map (<see cref="SegmentationMasks.Render(System.ReadOnlySpan{System.Numerics.Vector2}, int, int)"/>).</param>
    /// <param name="width">Map width.</param>
    /// <param name="height">Map height.</param>
    public static SegmentationThreshold Calibrate(IReadOnlyList<float[]> probabilities, IReadOnlyList<byte[]> truths, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truths);
        if (probabilities.Count == 0 || probabilities.Count != truths.Count)
        {
            throw new ArgumentException("Calibration needs at least one example and one truth per example.", nameof(truths));
        }

        var truthMasks = truths.Select(t => SegmentationMasks.BodyMask(new Image<byte>(width, height, 1, t)).Pixels).ToList();
        double MeanDice(double? threshold) => probabilities
            .Select((p, i) => SegmentationMetrics.Dice(SegmentationMasks.BodyMask(ClassProbabilities.Decide(p, width, height, threshold)).Pixels, truthMasks[i]))
            .Average();

        var argMax = MeanDice(null);
        var best = Thresholds
            .Select(t => (Threshold: t, Dice: MeanDice(t)))
            .OrderByDescending(r => r.Dice)
            .ThenBy(r => Math.Abs(r.Threshold - 0.5))
            .First();
        return new SegmentationThreshold(Math.Round(best.Threshold, 2), best.Dice, argMax);
    }
}
