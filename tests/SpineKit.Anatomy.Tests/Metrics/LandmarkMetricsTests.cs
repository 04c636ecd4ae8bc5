using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Metrics;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Metrics;

public class LandmarkMetricsTests
{
    // Truth: upright 40 x 30 rectangles. Prediction: every corner moved by (3, 4), a radial error of 5 px.
    private static readonly LandmarkSet Truth = SyntheticSpine.FromTilts([0, 0, 0]);
    private static readonly LandmarkSet Shifted = Truth.WithVertebrae(
        Truth.Vertebrae.Select(v => v.WithCorners(v.CornerArray().Select(p => p + new Point2(3, 4)).ToArray())));

    [Fact]
    public void LevelOffsetCountsHowManyLevelsTheNamesSlipped()
    {
        // T11..L3 across the thoracolumbar junction (T13 is skipped as a typical spine has none).
        var truth = SyntheticSpine.FromTilts([0, 0, 0, 0, 0], VertebraLevel.T11);
        LandmarkSet Named(VertebraLevel first) => truth.WithVertebrae(truth.Vertebrae.Zip(VertebraLevels.Run(first, 5), (v, level) => Vertebra.FromCorners(level, v.CornerArray(), v.Confidence)));

        Assert.Equal(0, LandmarkMetrics.LevelOffset(truth, truth));

        // Named one level too high (T11 called T10): the true level lies one step below each name.
        Assert.Equal(1, LandmarkMetrics.LevelOffset(Named(VertebraLevel.T10), truth));
        Assert.Equal(-2, LandmarkMetrics.LevelOffset(Named(VertebraLevel.L1), truth));

        // Vertebrae of confidence 0 (filled in, not detected) do not vote; nothing to pair gives null.
        var inferred = truth.WithVertebrae(truth.Vertebrae.Select(v => Vertebra.FromCorners(v.Level, v.CornerArray(), 0)));
        Assert.Null(LandmarkMetrics.LevelOffset(inferred, truth));
    }

    [Fact]
    public void MeanRadialErrorInPixelsAndMillimetres()
    {
        Assert.Equal(5, LandmarkMetrics.MeanRadialError(Shifted, Truth), 1e-12);

        var withSpacing = new LandmarkSet(Truth.Size, Truth.Vertebrae, new PixelSpacing(0.5, 0.25));

        // x step 0.25 mm, y step 0.5 mm: sqrt(0.75^2 + 2^2).
        Assert.Equal(Math.Sqrt(0.5625 + 4), LandmarkMetrics.MeanRadialErrorMillimetres([Shifted], [withSpacing])!.Value, 1e-12);
        Assert.Null(LandmarkMetrics.MeanRadialErrorMillimetres([Shifted], [Truth]));
    }

    [Fact]
    public void CornersAreMatchedByLevelNotPosition()
    {
        var reversed = Shifted.WithVertebrae(Shifted.Vertebrae.Reverse());
        Assert.Equal(5, LandmarkMetrics.MeanRadialError(reversed, Truth), 1e-12);

        var missingOne = Shifted.WithVertebrae(Shifted.Vertebrae.Take(2));
        Assert.Equal(8, CornerPair.Match(missingOne, Truth).Count);
    }

    [Fact]
    public void PckCountsCornersWithinAFractionOfTheWidth()
    {
        // 5 px against a 40 px width is 12.5%.
        Assert.Equal(0, LandmarkMetrics.PercentageOfCorrectKeypoints([Shifted], [Truth], 0.10));
        Assert.Equal(100, LandmarkMetrics.PercentageOfCorrectKeypoints([Shifted], [Truth], 0.15));

        var curve = LandmarkMetrics.PckCurve([Shifted], [Truth]);
        Assert.Equal(20, curve.Count);
        Assert.Equal(0.05, curve[0].Fraction, 1e-12);
        Assert.Equal(1.0, curve[^1].Fraction, 1e-12);
        Assert.Equal([0.0, 0.0, 100.0], curve.Take(3).Select(p => p.Percentage));
    }

    [Fact]
    public void NormalizedErrorsPerLevelAndWeightedGlobalMedian()
    {
        var summary = LandmarkMetrics.NormalizedErrors([Shifted], [Truth]);

        Assert.Equal(3, summary.PerLevel.Count);
        Assert.All(summary.PerLevel, row =>
        {
            Assert.Equal(4, row.Count);
            Assert.Equal(3.0 / 40, row.MedianX, 1e-12);
            Assert.Equal(4.0 / 30, row.MedianY, 1e-12);
        });
        Assert.Equal(3.0 / 40, summary.GlobalX, 1e-12);
        Assert.Equal(4.0 / 30, summary.GlobalY, 1e-12);
    }

    [Fact]
    public void WeightedMedianHonoursTheWeights()
    {
        Assert.Equal(2, Statistics.WeightedMedian([(1, 1), (2, 3)]));
        Assert.Equal(1.5, Statistics.WeightedMedian([(2, 2), (1, 2)]));
        Assert.Equal(1, Statistics.WeightedMedian([(1, 5), (2, 1), (3, 1)]));
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]));
        Assert.True(double.IsNaN(Statistics.WeightedMedian([])));
    }
}
