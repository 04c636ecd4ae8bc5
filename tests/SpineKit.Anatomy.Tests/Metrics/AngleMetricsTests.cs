using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Anatomy.Tests.Metrics;

public class AngleMetricsTests
{
    private static readonly AngleTriple[] Truth = [new(12, 5, 3), new(20, 10, 10)];
    private static readonly AngleTriple[] Predicted = [new(10, 5, 5), new(20, 10, 10)];

    [Fact]
    public void SmapeAveragesPerImageRatios()
    {
        // Image 1: (2 + 0 + 2) / (22 + 10 + 8) = 10%; image 2: 0%. Mean 5%.
        Assert.Equal(5, AngleMetrics.Smape(Predicted, Truth), 1e-12);
    }

    [Fact]
    public void SmapeIsNotAPooledRatio()
    {
        // Pooled it would be 4 / 120 = 3.33%; per image it is (10% + 0%) / 2.
        Assert.NotEqual(100.0 * 4 / 120, AngleMetrics.Smape(Predicted, Truth), 6);
        Assert.Equal(0, AngleMetrics.Smape([new AngleTriple(0, 0, 0)], [new AngleTriple(0, 0, 0)]));
    }

    [Fact]
    public void MeanAbsoluteErrorPerColumn()
    {
        Assert.Equal(new AngleTriple(1, 0, 1), AngleMetrics.MeanAbsoluteError(Predicted, Truth));
    }

    [Fact]
    public void CircularErrorFoldsAtNinetyDegrees()
    {
        Assert.Equal(2, AngleMetrics.CircularDifference(179, 1), 1e-12);
        Assert.Equal(90, AngleMetrics.CircularDifference(0, 90), 1e-12);
        Assert.Equal(3, AngleMetrics.CircularDifference(10, 7), 1e-12);

        // (2 + 0 + 2 + 0 + 0 + 0) / 6 and a wrapped pair: (2 + 0 + 0) / 3.
        Assert.Equal(4.0 / 6, AngleMetrics.CircularMeanAbsoluteError(Predicted, Truth), 1e-12);
        Assert.Equal(2.0 / 3, AngleMetrics.CircularMeanAbsoluteError([new AngleTriple(179, 5, 5)], [new AngleTriple(1, 5, 5)]), 1e-12);
    }

    [Fact]
    public void TripleDistances()
    {
        var a = new AngleTriple(1, 2, 3);
        var b = new AngleTriple(4, 6, 3);

        Assert.Equal(5, AngleMetrics.Euclidean(a, b), 1e-12);
        Assert.Equal(7, AngleMetrics.Manhattan(a, b), 1e-12);
        Assert.Equal(4, AngleMetrics.Chebyshev(a, b), 1e-12);
    }

    [Fact]
    public void MismatchedListsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => AngleMetrics.Smape(Predicted, Truth.Take(1).ToArray()));
        Assert.Throws<ArgumentException>(() => AngleMetrics.Smape([], []));
    }
}
