using System.Numerics;
using SpineKit.Imaging.Tests.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class AffineTests
{
    [Fact]
    public void IdentityWarpIsExact()
    {
        var source = TestImages.Noise(17, 11, seed: 3, channels: 3);

        var result = AffineWarp.Apply(source, AffineTransform.Identity, 17, 11);

        Assert.Equal(source.Pixels, result.Pixels);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(-270)]
    public void QuarterTurnIsATransposeAndFlipExactly(double degrees)
    {
        const int n = 9;
        var source = TestImages.Noise(n, n, seed: 5);
        var rotation = AffineTransform.Rotation(degrees, new Vector2(n / 2f, n / 2f));

        var result = AffineWarp.Apply(source, rotation, n, n);

        // Counter-clockwise on screen: the top row becomes the left column read bottom-up.
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                Assert.Equal(source[n - 1 - y, x], result[x, y]);
            }
        }
    }

    [Fact]
    public void RotationMovesPointsCounterClockwiseOnScreen()
    {
        var rotation = AffineTransform.Rotation(90, new Vector2(10, 10));

        // A point to the right of the centre goes above it (smaller y).
        Assert.Equal(new Vector2(10, 5), rotation.Apply(new Vector2(15, 10)));
    }

    [Fact]
    public void ComposeAndInvertAgreeWithStepByStepApplication()
    {
        var centre = new Vector2(40, 60);
        var first = AffineTransform.Rotation(23, centre);
        var second = AffineTransform.Shear(0.2, -0.1, centre);
        var third = AffineTransform.Scale(1.3, 0.8).Then(AffineTransform.Translation(5, -7));
        var all = first.Then(second).Then(third);
        var point = new Vector2(12.25f, 91.5f);

        var stepwise = third.Apply(second.Apply(first.Apply(point)));

        Assert.InRange(Vector2.Distance(stepwise, all.Apply(point)), 0, 1e-4f);
        Assert.InRange(Vector2.Distance(point, all.Invert().Apply(all.Apply(point))), 0, 1e-4f);
        var identity = all.Then(all.Invert());
        Assert.Equal(1, identity.M11, 12);
        Assert.Equal(0, identity.M12, 12);
        Assert.Equal(0, identity.Dx, 10);
    }

    [Fact]
    public void FlipsMirrorPixelCentresOntoPixelCentres()
    {
        var source = TestImages.Noise(6, 4, seed: 2);

        var horizontal = AffineWarp.Apply(source, AffineTransform.FlipHorizontal(6), 6, 4);
        var vertical = AffineWarp.Apply(source, AffineTransform.FlipVertical(4), 6, 4);

        Assert.Equal(source[0, 1], horizontal[5, 1]);
        Assert.Equal(source[2, 0], vertical[2, 3]);
        Assert.Equal(new Vector2(5.5f, 1.5f), AffineTransform.FlipHorizontal(6).Apply(PixelGrid.CenterOf(0, 1)));
    }

    [Fact]
    public void SingularTransformCannotBeInverted()
    {
        var collapse = AffineTransform.Scale(0, 1);

        Assert.Throws<InvalidOperationException>(() => AffineWarp.Apply(new Image<float>(4, 4), collapse, 4, 4));
    }

    [Fact]
    public void OutsideTheSourceTheBorderValueIsUsed()
    {
        var source = new Image<float>(4, 4);
        Array.Fill(source.Pixels, 1f);

        var result = AffineWarp.Apply(source, AffineTransform.Translation(10, 0), 4, 4, borderValue: 0.25f);

        Assert.All(result.Pixels, v => Assert.Equal(0.25f, v));
    }

    [Theory]
    [InlineData(0, 1, 0, 0)]
    [InlineData(17, 1, 0, 0)]
    [InlineData(-35, 1.2, 0.15, 3)]
    [InlineData(120, 0.7, -0.2, -4)]
    public void DotCentroidLandsOnTheTransformedPoint(double degrees, double scale, double shear, float shift)
    {
        var dot = new Vector2(41.3f, 27.8f);
        var source = Dot(96, 80, dot, radius: 2.5);
        var centre = new Vector2(48, 40);
        var transform = AffineTransform.Rotation(degrees, centre)
            .Then(AffineTransform.Scale(scale, scale, centre))
            .Then(AffineTransform.Shear(shear, 0, centre))
            .Then(AffineTransform.Translation(shift, -shift));
        Span<Vector2> points = [dot];

        var result = AffineWarp.Apply(source, transform, 96, 80, points);

        Assert.InRange(Vector2.Distance(ResizeTests.Centroid(result), points[0]), 0, 0.5f);
    }

    [Fact]
    public void GreyFastPathAgreesWithTheGeneralSampler()
    {
        // One channel takes the row sampler; the same plane inside a 2-channel image takes the general one.
        var grey = TestImages.Noise(40, 30, seed: 6);
        var pair = new Image<float>(40, 30, 2);
        for (var i = 0; i < grey.Pixels.Length; i++)
        {
            pair.Pixels[2 * i] = grey.Pixels[i];
        }

        var transform = AffineTransform.Rotation(33, new Vector2(20, 15)).Then(AffineTransform.Translation(3.3, -2.1));
        var fast = AffineWarp.Apply(grey, transform, 45, 28, borderValue: 0.5f);
        var general = AffineWarp.Apply(pair, transform, 45, 28, borderValue: 0.5f);

        for (var i = 0; i < fast.Pixels.Length; i++)
        {
            Assert.Equal(general.Pixels[2 * i], fast.Pixels[i]);
        }
    }

    [Fact]
    public void SimdWarpRowIsIdenticalToTheScalarReference()
    {
        var image = TestImages.Noise(70, 50, seed: 13);
        var random = new Random(14);
        for (var trial = 0; trial < 40; trial++)
        {
            // Runs that start outside, cross the image and leave it again, at assorted slopes.
            var u = (random.NextDouble() * 90) - 10;
            var v = (random.NextDouble() * 70) - 10;
            var du = (random.NextDouble() * 2) - 1;
            var dv = (random.NextDouble() * 2) - 1;
            var slow = new float[83];
            WarpRowReference.Sample(image, u, v, du, dv, 0.5f, slow);
            foreach (var path in ForcedPaths.All)
            {
                var fast = new float[83];
                SpineKit.Imaging.Kernels.WarpRow.Sample(image, u, v, du, dv, 0.5f, fast, path);
                Assert.True(slow.AsSpan().SequenceEqual(fast), $"trial {trial} on {path}");
            }
        }
    }

    [Fact]
    public void ScaleWarpEqualsBilinearResizeAwayFromTheBorder()
    {
        // Both sample bilinearly at the same mapped pixel centres; only the border handling differs.
        var source = TestImages.Noise(20, 16, seed: 21);

        var warped = AffineWarp.Apply(source, AffineTransform.Scale(50 / 20.0, 36 / 16.0), 50, 36);
        var resized = Resize.Apply(source, 50, 36, ResizeMode.Bilinear);

        for (var y = 2; y < 34; y++)
        {
            for (var x = 2; x < 48; x++)
            {
                Assert.InRange(Math.Abs(resized[x, y] - warped[x, y]), 0, 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void BoxAveragedWarpIsTheFineWarpAveragedBitForBit(int factor)
    {
        // A turned, shrinking warp whose grid runs off the source on two sides (border samples included).
        var source = TestImages.Noise(90, 70, seed: 31);
        var toFine = AffineTransform.Rotation(23, new Vector2(45, 35)).Then(AffineTransform.Scale(0.8, 0.8)).Then(AffineTransform.Translation(-6, 9));
        const int Width = 25, Height = 19;

        var boxed = AffineWarp.ApplyBoxAveraged(source, toFine, Width, Height, factor, borderValue: 0.3f);
        var fine = AffineWarp.Apply(source, toFine, Width * factor, Height * factor, borderValue: 0.3f);

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var sum = fine[x * factor, y * factor];
                for (var r = 0; r < factor; r++)
                {
                    for (var c = r == 0 ? 1 : 0; c < factor; c++)
                    {
                        sum += fine[(x * factor) + c, (y * factor) + r];
                    }
                }

                Assert.Equal(sum * (1f / (factor * factor)), boxed[x, y]);
            }
        }
    }

    [Fact]
    public void BoxAveragingAnIdentityFineGridIsTheAreaResize()
    {
        // The fine grid is the source itself (a pure half-scale to the output), so each output pixel is the mean of
        // a 2x2 block: what the area filter gives when halving.
        var source = TestImages.Noise(40, 24, seed: 32);

        var boxed = AffineWarp.ApplyBoxAveraged(source, AffineTransform.Identity, 20, 12, 2);
        var area = Resize.Apply(source, 20, 12, ResizeMode.Area);

        for (var i = 0; i < boxed.Pixels.Length; i++)
        {
            Assert.InRange(Math.Abs(area.Pixels[i] - boxed.Pixels[i]), 0, 1e-6);
        }

        Assert.Throws<ArgumentException>(() => AffineWarp.ApplyBoxAveraged(new Image<float>(4, 4, 2), AffineTransform.Identity, 2, 2, 2));
    }

    // A disc of pixels whose centres lie within the radius, as a rasteriser would draw it.
    private static Image<float> Dot(int width, int height, Vector2 centre, double radius)
    {
        var image = new Image<float>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (Vector2.Distance(PixelGrid.CenterOf(x, y), centre) <= radius)
                {
                    image[x, y] = 1;
                }
            }
        }

        return image;
    }
}
