namespace SpineKit.Anatomy.Metrics;

/// <summary>Overlap between a predicted and a true binary mask of the same size (non-zero is foreground).</summary>
public static class SegmentationMetrics
{
    /// <summary>Dice coefficient 2|A and B| / (|A| + |B|); 1 when both masks are empty.</summary>
    public static double Dice(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        var (intersection, predictedCount, truthCount) = Count(predicted, truth);
        var denominator = predictedCount + truthCount;
        return denominator == 0 ? 1 : 2.0 * intersection / denominator;
    }

    /// <summary>Intersection over union |A and B| / |A or B|; 1 when both masks are empty.</summary>
    public static double IntersectionOverUnion(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        var (intersection, predictedCount, truthCount) = Count(predicted, truth);
        var union = predictedCount + truthCount - intersection;
        return union == 0 ? 1 : (double)intersection / union;
    }

    /// <summary>Dice coefficient for boolean masks.</summary>
    public static double Dice(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> truth) =>
        Dice(System.Runtime.InteropServices.MemoryMarshal.AsBytes(predicted), System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth));

    /// <summary>Intersection over union for boolean masks.</summary>
    public static double IntersectionOverUnion(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> truth) =>
        IntersectionOverUnion(System.Runtime.InteropServices.MemoryMarshal.AsBytes(predicted), System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth));

    private static (long Intersection, long Predicted, long Truth) Count(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"The masks differ in size ({predicted.Length} and {truth.Length} pixels).", nameof(predicted));
        }

        long intersection = 0, predictedCount = 0, truthCount = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var p = predicted[i] != 0;
            var t = truth[i] != 0;
            predictedCount += p ? 1 : 0;
            truthCount += t ? 1 : 0;
            intersection += p && t ? 1 : 0;
        }

        return (intersection, predictedCount, truthCount);
    }
}
