using System.Numerics;
using SpineKit.Imaging.Kernels;
using SpineKit.Imaging.Tests.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class ResizeTests
{
    [Theory]
    [InlineData(ResizeMode.Bilinear)]
    [InlineData(ResizeMode.Bicubic)]
    [InlineData(ResizeMode.Antialiased)]
    public void UpscaledRampIsTheSameRampAtTheNewPixelCentres(ResizeMode mode)
    {
        // f(u, v) = 2u + 3v in source coordinates; the resized pixel centre (i + 0.5) / 2.5 must carry f there.
        var source = TestImages.FromFunction(12, 10, (u, v) => (2 * u) + (3 * v));

        var result = Resize.Apply(source, 30, 25, mode);

        for (var y = 0; y < 25; y++)
        {
            for (var x = 0; x < 30; x++)
            {
                var u = (x + 0.5) / 2.5;
                var v = (y + 0.5) / 2.5;
                // Away from the border, where edge replication bends the ramp.
                if (u > 2 && u < 10 && v > 2 && v < 8)
                {
                    Assert.Equal((2 * u) + (3 * v), result[x, y], 4);
                }
            }
        }
    }

    [Fact]
    public void BilinearRampValuesAreExactAtQuarterPixels()
    {
        var source = TestImages.FromFunction(8, 4, (u, _) => u * 4);

        var result = Resize.Apply(source, 16, 4, ResizeMode.Bilinear);

        // Destination centres (i + 0.5) / 2 = 0.25, 0.75, ... in source units; interior values are exact in binary.
        for (var x = 1; x < 15; x++)
        {
            Assert.Equal((float)((x + 0.5) / 2 * 4), result[x, 2]);
        }

        Assert.Equal(2f, result[0, 0]);
        Assert.Equal(30f, result[15, 0]);
    }

    [Fact]
    public void DefaultBicubicReproducesAQuadratic()
    {
        var source = TestImages.FromFunction(16, 16, (u, v) => (0.05 * u * u) - (0.03 * u * v) + (0.02 * v * v));

        var result = Resize.Apply(source, 40, 40, ResizeMode.Bicubic);

        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                var u = (x + 0.5) / 2.5;
                var v = (y + 0.5) / 2.5;
                if (u > 3 && u < 13 && v > 3 && v < 13)
                {
                    Assert.Equal((0.05 * u * u) - (0.03 * u * v) + (0.02 * v * v), result[x, y], 4);
                }
            }
        }
    }

    [Fact]
    public void OpenCvBicubicDoesNotReproduceAQuadratic()
    {
        // Guards the coefficient plumbing: a = -0.75 is only exact for linear functions.
        var source = TestImages.FromFunction(16, 4, (u, _) => u * u);

        var result = Resize.Apply(source, 40, 4, ResizeMode.Bicubic, Resize.OpenCvBicubicCoefficient);

        var u = (20 + 0.5) / 2.5;
        Assert.True(Math.Abs(result[20, 2] - (u * u)) > 1e-3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AreaDownscaleByAnIntegerFactorIsTheBlockMean(int factor)
    {
        var source = TestImages.Noise(6 * factor, 5 * factor, seed: factor, channels: 2);

        var result = Resize.Apply(source, 6, 5, ResizeMode.Area);

        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 6; x++)
            {
                for (var c = 0; c < 2; c++)
                {
                    double sum = 0;
                    for (var dy = 0; dy < factor; dy++)
                    {
                        for (var dx = 0; dx < factor; dx++)
                        {
                            sum += source[(x * factor) + dx, (y * factor) + dy, c];
                        }
                    }

                    Assert.Equal(sum / (factor * factor), result[x, y, c], 5);
                }
            }
        }
    }

    [Fact]
    public void AreaDownscaleByANonIntegerFactorWeighsPartialPixelsByOverlap()
    {
        var source = new Image<float>(3, 1, 1, [1f, 2f, 4f]);

        var result = Resize.Apply(source, 2, 1, ResizeMode.Area);

        // Each output covers 1.5 source pixels: (1 + 0.5 * 2) / 1.5 and (0.5 * 2 + 4) / 1.5.
        Assert.Equal(2 / 1.5, result[0, 0], 6);
        Assert.Equal(5 / 1.5, result[1, 0], 6);
    }

    [Fact]
    public void ConstantImagesStayConstantInEveryMode()
    {
        var source = new Image<float>(37, 23, 3);
        Array.Fill(source.Pixels, 0.625f);
        foreach (var mode in Enum.GetValues<ResizeMode>())
        {
            foreach (var (w, h) in new[] { (10, 7), (80, 51), (37, 5) })
            {
                var result = Resize.Apply(source, w, h, mode);
                Assert.All(result.Pixels, v => Assert.Equal(0.625f, v, 5));
            }
        }
    }

    [Fact]
    public void PointsScaleByTheSizeRatio()
    {
        var source = new Image<float>(100, 280);
        Span<Vector2> points = [new(0, 0), new(50, 140), new(100, 280), new(12.5f, 3.25f)];

        Resize.Apply(source, 25, 70, ResizeMode.Area, points);

        Assert.Equal(new Vector2(0, 0), points[0]);
        Assert.Equal(new Vector2(12.5f, 35), points[1]);
        Assert.Equal(new Vector2(25, 70), points[2]);
        Assert.Equal(new Vector2(3.125f, 0.8125f), points[3]);
    }

    [Fact]
    public void ResizedFeatureMovesWithItsMappedPoint()
    {
        // A bright blob centred at (30.5, 70.5) must be centred at the mapped point after shrinking.
        var source = TestImages.FromFunction(64, 128, (u, v) => Math.Exp(-(((u - 30.5) * (u - 30.5)) + ((v - 70.5) * (v - 70.5))) / 18));
        var mapped = Resize.MapPoint(new Vector2(30.5f, 70.5f), 64, 128, 24, 40);

        var result = Resize.Apply(source, 24, 40, ResizeMode.Antialiased);

        var centroid = Centroid(result);
        Assert.InRange(Vector2.Distance(centroid, mapped), 0, 0.05f);
    }

    [Theory]
    [InlineData(ResizeMode.Bilinear, 1)]
    [InlineData(ResizeMode.Bicubic, 1)]
    [InlineData(ResizeMode.Area, 1)]
    [InlineData(ResizeMode.Antialiased, 1)]
    [InlineData(ResizeMode.Area, 3)]
    public void SimdPassesMatchTheScalarReference(ResizeMode mode, int channels)
    {
        var source = TestImages.Noise(203, 61, seed: 11, channels);
        foreach (var (w, h) in new[] { (57, 19), (411, 130), (203, 61), (101, 30), (9, 200) })
        {
            var horizontal = ResampleWeights.Create(203, w, mode, -0.75);
            var vertical = ResampleWeights.Create(61, h, mode, -0.75);
            var slow = new float[61 * w * channels];
            var slowOut = new float[h * w * channels];
            ResamplerReference.Horizontal(source.Pixels, 61, channels, horizontal, slow);
            ResamplerReference.Vertical(slow, w * channels, vertical, slowOut);
            foreach (var path in ForcedPaths.All)
            {
                var fast = new float[61 * w * channels];
                Resampler.Horizontal(source.Pixels, 61, channels, horizontal, fast, path);
                Assert.True(TestImages.MaxDifference(fast, slow) <= 1e-6, $"horizontal to {w} on {path}");

                var fastOut = new float[h * w * channels];
                Resampler.Vertical(slow, w * channels, vertical, fastOut, path);
                Assert.True(TestImages.MaxDifference(fastOut, slowOut) <= 1e-6, $"vertical to {h} on {path}");
            }
        }
    }

    [Theory]
    [InlineData(ResizeMode.Area, 1, 40, 90)]
    [InlineData(ResizeMode.Bilinear, 1, 37, 25)]
    [InlineData(ResizeMode.Bicubic, 1, 120, 33)]
    [InlineData(ResizeMode.Antialiased, 3, 19, 60)]
    [InlineData(ResizeMode.Area, 1, 64, 200)]
    public void ARegionResizesAsItsCutOut(ResizeMode mode, int channels, int width, int height)
    {
        // The region starts away from the origin and ends short of both edges, so a stride or offset slip shows.
        var source = TestImages.Noise(150, 170, seed: 41, channels);
        var (left, top, regionWidth, regionHeight) = (23, 31, 97, 121);

        var inPlace = Resize.Apply(source, left, top, regionWidth, regionHeight, width, height, mode);
        var cut = Resize.Apply(Crop.Apply(source, left, top, regionWidth, regionHeight), width, height, mode);

        Assert.Equal(cut.Pixels, inPlace.Pixels);
        Assert.Equal((width, height, channels), (inPlace.Width, inPlace.Height, inPlace.Channels));
    }

    [Fact]
    public void ARegionMustLieInsideTheImage()
    {
        var source = TestImages.Noise(50, 40, seed: 42);

        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Apply(source, 10, 5, 41, 20, 8, 8, ResizeMode.Area));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Apply(source, -1, 5, 20, 20, 8, 8, ResizeMode.Area));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Apply(source, 0, 30, 20, 11, 8, 8, ResizeMode.Area));
    }

    [Fact]
    public void StridedVerticalPassMatchesTheScalarReferenceOnEveryPath()
    {
        // 70 of every 101 samples per row: the SIMD bodies and the scalar tail all read through the stride.
        var source = TestImages.Noise(101, 80, seed: 43);
        var weights = ResampleWeights.Create(77, 23, ResizeMode.Area, -0.5);
        var packed = Crop.Apply(source, 3, 2, 70, 77);
        var slow = new float[23 * 70];
        ResamplerReference.Vertical(packed.Pixels, 70, weights, slow);
        foreach (var path in ForcedPaths.All)
        {
            var fast = new float[23 * 70];
            Resampler.Vertical(source.Pixels.AsSpan((2 * 101) + 3), 101, 70, weights, fast, path);
            Assert.True(TestImages.MaxDifference(fast, slow) <= 1e-6, $"strided vertical on {path}");
        }

        Assert.Throws<ArgumentException>(() => Resampler.Vertical(source.Pixels.AsSpan(500), 101, 70, weights, new float[23 * 70]));
    }

    [Theory]
    [InlineData(ResizeMode.Area, 256, 70)]
    [InlineData(ResizeMode.Bilinear, 300, 150)]
    [InlineData(ResizeMode.Bicubic, 129, 301)]
    public void BytesResizeLikeTheirFloatConversion(ResizeMode mode, int width, int height)
    {
        var random = new Random(17);
        var pixels = new byte[203 * 280];
        random.NextBytes(pixels);
        var bytes = new Image<byte>(203, 280, 1, pixels);

        var direct = Resize.Apply(bytes, width, height, mode);
        var viaFloat = Resize.Apply(ImageConversion.ToFloat(bytes), width, height, mode);

        Assert.InRange(TestImages.MaxDifference(direct.Pixels, viaFloat.Pixels), 0, 1e-6);
    }

    [Fact]
    public void SimdByteVerticalPassMatchesTheScalarReference()
    {
        var random = new Random(3);
        var pixels = new byte[77 * 90];
        random.NextBytes(pixels);
        var weights = ResampleWeights.Create(90, 31, ResizeMode.Antialiased, -0.5);
        var slow = new float[77 * 31];
        ResamplerReference.VerticalFromBytes(pixels, 77, weights, 1 / 255f, slow);

        foreach (var path in ForcedPaths.All)
        {
            var fast = new float[77 * 31];
            Resampler.VerticalFromBytes(pixels, 77, weights, 1 / 255f, fast, path);
            Assert.True(TestImages.MaxDifference(fast, slow) <= 1e-6, $"on {path}");
        }
    }

    [Fact]
    public void AbsurdTargetSizesAreRejectedBeforeAllocating()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Apply(new Image<float>(4, 4), 1 << 20, 1 << 20, ResizeMode.Bilinear));
    }

    internal static Vector2 Centroid(Image<float> image)
    {
        double sx = 0, sy = 0, total = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var w = image[x, y];
                sx += w * (x + 0.5);
                sy += w * (y + 0.5);
                total += w;
            }
        }

        return new Vector2((float)(sx / total), (float)(sy / total));
    }
}
