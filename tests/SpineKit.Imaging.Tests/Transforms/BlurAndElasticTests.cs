using System.Numerics;
using SpineKit.Imaging.Kernels;
using SpineKit.Imaging.Tests.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class BlurAndElasticTests
{
    [Theory]
    [InlineData(1, 0.8)]
    [InlineData(3, 2.0)]
    [InlineData(2, 5.0)]
    public void SimdFilterMatchesTheScalarReference(int channels, double sigma)
    {
        var source = TestImages.Noise(53, 37, seed: channels, channels);
        var taps = GaussianBlur.Kernel(sigma);
        var horizontal = new float[source.Pixels.Length];
        var vertical = new float[source.Pixels.Length];
        SeparableFilterReference.Horizontal(source.Pixels, 53, 37, channels, taps, horizontal);
        SeparableFilterReference.Vertical(source.Pixels, 53 * channels, 37, taps, vertical);

        foreach (var path in ForcedPaths.All)
        {
            var fast = new float[source.Pixels.Length];
            SeparableFilter.Horizontal(source.Pixels, 53, 37, channels, taps, fast, path);
            Assert.True(TestImages.MaxDifference(fast, horizontal) <= 1e-6, $"horizontal on {path}");

            SeparableFilter.Vertical(source.Pixels, 53 * channels, 37, taps, fast, path);
            Assert.True(TestImages.MaxDifference(fast, vertical) <= 1e-6, $"vertical on {path}");
        }
    }

    [Fact]
    public void KernelIsANormalisedSampledGaussian()
    {
        var taps = GaussianBlur.Kernel(2);

        Assert.Equal(13, taps.Length);
        Assert.Equal(1, taps.Sum(), 5);
        Assert.Equal(Math.Exp(-0.5), taps[8] / taps[6], 5);
        Assert.Equal(new[] { 1f }, GaussianBlur.Kernel(0));
    }

    [Fact]
    public void BlurKeepsAConstantImageAndSmoothsAnImpulse()
    {
        var impulse = new Image<float>(31, 31);
        impulse[15, 15] = 1;

        var result = GaussianBlur.Apply(impulse, 2);

        Assert.Equal(1, result.Pixels.Sum(), 4);
        Assert.Equal(result[13, 15], result[17, 15]);
        Assert.Equal(result[15, 13], result[13, 15], 7);
        Assert.Equal(new Vector2(15.5f, 15.5f), ResizeTests.Centroid(result));
    }

    [Fact]
    public void ElasticFieldIsSeededAndSmooth()
    {
        var a = ElasticDeformation.Create(64, 48, alpha: 100, sigma: 8, new Random(9));
        var b = ElasticDeformation.Create(64, 48, alpha: 100, sigma: 8, new Random(9));
        var c = ElasticDeformation.Create(64, 48, alpha: 100, sigma: 8, new Random(10));
        var p = new Vector2(20.3f, 30.7f);

        Assert.Equal(a.Displacement(p), b.Displacement(p));
        Assert.NotEqual(a.Displacement(p), c.Displacement(p));
        var step = Vector2.Distance(a.Displacement(p), a.Displacement(p + new Vector2(1, 0)));
        Assert.InRange(step, 0, 0.5f);
        Assert.InRange(a.Displacement(p).Length(), 0.01f, 20f);
    }

    [Fact]
    public void PointMappingInvertsTheImageField()
    {
        var field = ElasticDeformation.Create(80, 120, alpha: 150, sigma: 8, new Random(4));
        var random = new Random(5);

        for (var i = 0; i < 50; i++)
        {
            var p = new Vector2(random.NextSingle() * 80, random.NextSingle() * 120);
            var q = field.MapPoint(p);

            // The destination pixel at q shows the source at q + d(q); that must be p again.
            Assert.InRange(Vector2.Distance(q + field.Displacement(q), p), 0, 1e-3f);
            Assert.InRange(field.InverseResidual(p), 0, 1e-3f);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DeformedDotLandsOnItsMappedPoint(int seed)
    {
        // A moderate field (displacements of a few pixels). The blob's centroid follows the mapped point up to
        // the field's curvature across the blob, well inside half a pixel at this strength.
        var dot = new Vector2(37.2f, 51.6f);
        var source = TestImages.FromFunction(80, 100, (u, v) => Math.Exp(-(((u - dot.X) * (u - dot.X)) + ((v - dot.Y) * (v - dot.Y))) / 4));
        var field = ElasticDeformation.Create(80, 100, alpha: 60, sigma: 8, new Random(seed));
        Span<Vector2> points = [dot];

        var result = field.Apply(source, points);

        Assert.InRange(Vector2.Distance(points[0], dot), 0.3f, 50f);
        Assert.InRange(Vector2.Distance(ResizeTests.Centroid(result), points[0]), 0, 0.5f);
    }

    [Fact]
    public void ConstantFieldShiftsImageAndPointsTheOppositeWayExactly()
    {
        // d = (3, -2) everywhere: destination q shows source q + d, so a feature at p lands at p - d.
        var field = new Image<float>(40, 30, 2);
        for (var i = 0; i < field.Pixels.Length; i += 2)
        {
            field.Pixels[i] = 3;
            field.Pixels[i + 1] = -2;
        }

        var shift = ElasticDeformation.FromField(field);
        var source = TestImages.Noise(40, 30, seed: 8);

        var result = shift.Apply(source);

        Assert.Equal(new Vector2(17.5f, 12.25f), shift.MapPoint(new Vector2(20.5f, 10.25f)));
        Assert.Equal(source[20, 10], result[17, 12]);
        Assert.Equal(0f, result[38, 5]);
    }

    [Fact]
    public void ZeroFieldIsTheIdentity()
    {
        var source = TestImages.Noise(9, 7, seed: 1);
        var still = ElasticDeformation.FromField(new Image<float>(9, 7, 2));

        Assert.Equal(source.Pixels, still.Apply(source).Pixels);
        Assert.Equal(new Vector2(3.3f, 4.4f), still.MapPoint(new Vector2(3.3f, 4.4f)));
    }
}
