using SpineKit.Anatomy.Cobb;

namespace SpineKit.Anatomy.Metrics;

/// <summary>Errors between predicted and true Cobb angle triples (degrees).</summary>
public static class AngleMetrics
{
    /// <summary>
    /// The challenge's SMAPE in percent: per image the sum of the absolute differences of the three angles over
    /// the sum of all six angles, then the mean over images, times 100. An image whose six angles are all zero
    /// contributes 0 (it was predicted exactly).
    /// </summary>
    public static double Smape(IReadOnlyList<AngleTriple> predicted, IReadOnlyList<AngleTriple> truth)
    {
        RequirePairs(predicted, truth);
        var total = 0.0;
        for (var i = 0; i < truth.Count; i++)
        {
            var difference = 0.0;
            var sum = 0.0;
            for (var c = 0; c < AngleTriple.Count; c++)
            {
                difference += Math.Abs(predicted[i][c] - truth[i][c]);
                sum += predicted[i][c] + truth[i][c];
            }

            total += sum == 0 ? 0 : difference / sum;
        }

        return 100 * total / truth.Count;
    }

    /// <summary>Mean absolute error of each column separately.</summary>
    public static AngleTriple MeanAbsoluteError(IReadOnlyList<AngleTriple> predicted, IReadOnlyList<AngleTriple> truth)
    {
        RequirePairs(predicted, truth);
        var sums = new double[AngleTriple.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            for (var c = 0; c < AngleTriple.Count; c++)
            {
                sums[c] += Math.Abs(predicted[i][c] - truth[i][c]);
            }
        }

        return new AngleTriple(sums[0] / truth.Count, sums[1] / truth.Count, sums[2] / truth.Count);
    }

    /// <summary>
    /// Circular mean absolute error over all angles of all images: an angle between two lines has period 180
    /// degrees, so each difference is taken modulo 180 and folded to at most 90 before averaging.
    /// </summary>
    public static double CircularMeanAbsoluteError(IReadOnlyList<AngleTriple> predicted, IReadOnlyList<AngleTriple> truth)
    {
        RequirePairs(predicted, truth);
        var sum = 0.0;
        for (var i = 0; i < truth.Count; i++)
        {
            for (var c = 0; c < AngleTriple.Count; c++)
            {
                sum += CircularDifference(predicted[i][c], truth[i][c]);
            }
        }

        return sum / (truth.Count * AngleTriple.Count);
    }

    /// <summary>The absolute difference of two line angles in degrees, modulo 180 and folded into [0, 90].</summary>
    public static double CircularDifference(double a, double b)
    {
        var d = Math.Abs(a - b) % 180;
        return Math.Min(d, 180 - d);
    }

    /// <summary>Euclidean distance between two triples.</summary>
    public static double Euclidean(AngleTriple a, AngleTriple b) =>
        Math.Sqrt(Square(a.First - b.First) + Square(a.Second - b.Second) + Square(a.Third - b.Third));

    /// <summary>Manhattan (city-block) distance between two triples.</summary>
    public static double Manhattan(AngleTriple a, AngleTriple b) =>
        Math.Abs(a.First - b.First) + Math.Abs(a.Second - b.Second) + Math.Abs(a.Third - b.Third);

    /// <summary>Chebyshev (largest single column) distance between two triples.</summary>
    public static double Chebyshev(AngleTriple a, AngleTriple b) =>
        Math.Max(Math.Abs(a.First - b.First), Math.Max(Math.Abs(a.Second - b.Second), Math.Abs(a.Third - b.Third)));

    private static double Square(double value) => value * value;

    private static void RequirePairs(IReadOnlyList<AngleTriple> predicted, IReadOnlyList<AngleTriple> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException($"{predicted.Count} predicted triples for {truth.Count} true ones.", nameof(predicted));
        }

        if (truth.Count == 0)
        {
            throw new ArgumentException("No images to compare.", nameof(truth));
        }
    }
}
