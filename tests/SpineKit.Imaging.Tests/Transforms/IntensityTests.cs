using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class IntensityTests
{
    [Fact]
    public void GammaIsAPowerCurveOnTheUnitRange()
    {
        var image = new Image<float>(4, 1, 1, [0.25f, 0.5f, -1f, 2f]);

        var result = Gamma.Apply(image, 2).Pixels;

        Assert.Equal(new[] { 0.0625f, 0.25f, 0f, 1f }, result);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gamma.Apply(image, 0));
    }

    [Fact]
    public void RandomGammaIsReproducibleFromTheSeed()
    {
        var image = TestImages.Noise(8, 8, seed: 1);

        var a = Gamma.ApplyRandom(image, 0.7, 1.5, new Random(42));
        var b = Gamma.ApplyRandom(image, 0.7, 1.5, new Random(42));

        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(image.Pixels, a.Pixels);
    }

    [Fact]
    public void NoiseHasTheRequestedSpreadAndIsSeeded()
    {
        var image = new Image<float>(200, 100);
        Array.Fill(image.Pixels, 0.5f);

        var noisy = GaussianNoise.Apply(image, 0.05, new Random(3));
        var again = GaussianNoise.Apply(image, 0.05, new Random(3));

        Assert.Equal(noisy.Pixels, again.Pixels);
        var mean = noisy.Pixels.Average(v => (double)v);
        var std = Math.Sqrt(noisy.Pixels.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 0.499, 0.501);
        Assert.InRange(std, 0.049, 0.051);
    }

    [Fact]
    public void NoiseClampsUnlessToldNot()
    {
        var image = new Image<float>(100, 10);

        Assert.All(GaussianNoise.Apply(image, 0.2, new Random(1)).Pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(GaussianNoise.Apply(image, 0.2, new Random(1), clampToUnit: false).Pixels, v => v < 0);
    }

    [Fact]
    public void MinMaxMapsTheExtremesToZeroAndOne()
    {
        var image = new Image<float>(3, 1, 1, [2f, 4f, 3f]);

        Assert.Equal(new[] { 0f, 1f, 0.5f }, IntensityNormalization.MinMax(image).Pixels);
        Assert.All(IntensityNormalization.MinMax(new Image<float>(2, 2)).Pixels, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MeanStdGivesZeroMeanUnitVariance()
    {
        var image = new Image<float>(4, 1, 1, [1f, 3f, 5f, 7f]);

        // Mean 4, population standard deviation sqrt(5).
        var result = IntensityNormalization.MeanStd(image).Pixels;

        Assert.Equal(-3 / Math.Sqrt(5), result[0], 6);
        Assert.Equal(3 / Math.Sqrt(5), result[3], 6);
    }

    [Fact]
    public void PercentileClipUsesNumPyPercentiles()
    {
        // numpy.percentile(range(101), [5, 95]) = [5, 95]; numpy.percentile([0, 10], 25) = 2.5.
        var ramp = new Image<float>(101, 1, 1, Enumerable.Range(0, 101).Select(i => (float)i).ToArray());

        var result = IntensityNormalization.PercentileClip(ramp, 5, 95).Pixels;

        Assert.Equal(0f, result[0]);
        Assert.Equal(0f, result[5]);
        Assert.Equal(0.5f, result[50], 6);
        Assert.Equal(1f, result[95]);
        Assert.Equal(1f, result[100]);
        Assert.Equal(2.5, IntensityNormalization.Percentile([0f, 10f], 25), 10);
    }
}
