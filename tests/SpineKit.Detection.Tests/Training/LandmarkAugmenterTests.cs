using System.Numerics;
using SpineKit.Detection.Training;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Training;

public class LandmarkAugmenterTests
{
    private static readonly Vector2[] Corners = [new(20, 30), new(40, 31), new(21, 45), new(41, 46)];

    [Fact]
    public void NoAugmentationKeepsImageAndCorners()
    {
        var image = Ramp(64, 96);

        var (output, corners) = LandmarkAugmenter.Apply(image, Corners, AugmentationSettings.None, new Random(1));

        Assert.Equal(image.Pixels, output.Pixels);
        Assert.Equal(Corners, corners);
    }

    [Fact]
    public void FlipMirrorsAndRelabelsLeftAndRight()
    {
        var settings = AugmentationSettings.None with { FlipProbability = 1 };
        var image = Ramp(64, 96);

        var (output, corners) = LandmarkAugmenter.Apply(image, Corners, settings, new Random(1));

        // Mirror about the vertical centre line x = 32 (continuous coordinates): x -> 64 - x.
        Assert.Equal(new Vector2(64 - 40, 31), corners[0]);
        Assert.Equal(new Vector2(64 - 20, 30), corners[1]);
        Assert.Equal(new Vector2(64 - 41, 46), corners[2]);
        Assert.Equal(new Vector2(64 - 21, 45), corners[3]);
        Assert.True(corners[0].X < corners[1].X);
        Assert.Equal(image[0, 10], output[63, 10], 4);
    }

    [Fact]
    public void SameSeedSameResult()
    {
        var image = Ramp(64, 96);
        var settings = new AugmentationSettings();

        var first = LandmarkAugmenter.Apply(image, Corners, settings, new Random(7));
        var second = LandmarkAugmenter.Apply(image, Corners, settings, new Random(7));

        Assert.Equal(first.Image.Pixels, second.Image.Pixels);
        Assert.Equal(first.Corners, second.Corners);
    }

    [Fact]
    public void GeometryMovesABrightDotWithItsCorner()
    {
        // A bright square centred on a corner must stay centred on the mapped corner.
        var image = new Image<float>(64, 96);
        for (var y = 28; y < 32; y++)
        {
            for (var x = 18; x < 22; x++)
            {
                image[x, y] = 1f;
            }
        }

        var settings = AugmentationSettings.None with { MaxRotationDegrees = 15, MinScale = 0.8, MaxScale = 1.2, MaxShift = 0.1 };
        var (output, corners) = LandmarkAugmenter.Apply(image, [new Vector2(20, 30), Corners[1], Corners[2], Corners[3]], settings, new Random(3));

        double sumX = 0, sumY = 0, mass = 0;
        for (var y = 0; y < output.Height; y++)
        {
            for (var x = 0; x < output.Width; x++)
            {
                // Skip the faint border fill (the image mean) that the warp brings in from outside.
                var value = output[x, y] > 0.1f ? output[x, y] : 0f;
                sumX += value * (x + 0.5);
                sumY += value * (y + 0.5);
                mass += value;
            }
        }

        Assert.Equal(corners[0].X, sumX / mass, 0.5);
        Assert.Equal(corners[0].Y, sumY / mass, 0.5);
    }

    [Fact]
    public void VerticalReframingKeepsTheSpineInsideAndMovesItsPixels()
    {
        var image = new Image<float>(64, 96);
        for (var x = 28; x < 36; x++)
        {
            image[x, 40] = 1f;
        }

        Vector2[] spine = [new(30, 20), new(34, 20), new(30, 60), new(34, 60)];
        var settings = AugmentationSettings.None with { VerticalFramingProbability = 1, MinVerticalScale = 0.5, MaxVerticalScale = 3 };
        for (var seed = 0; seed < 20; seed++)
        {
            var transform = LandmarkAugmenter.VerticalFraming(spine, image.Height, settings, new Random(seed));
            var top = transform.Apply(spine[0]).Y;
            var bottom = transform.Apply(spine[2]).Y;
            Assert.InRange(top, 0.0, image.Height);
            Assert.InRange(bottom, top, image.Height);
            Assert.Equal(spine[0].X, transform.Apply(spine[0]).X, 4);
        }

        // The line at row 40 (halfway down the spine) must stay halfway between the moved corners.
        var (output, corners) = LandmarkAugmenter.Apply(image, spine, settings, new Random(5));
        var brightest = Enumerable.Range(0, output.Height).MaxBy(y => output[32, y]);
        Assert.Equal((corners[0].Y + corners[2].Y) / 2, brightest + 0.5, 1.0);
        Assert.NotEqual(spine[0].Y, corners[0].Y);
    }

    private static Image<float> Ramp(int width, int height)
    {
        var image = new Image<float>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = (x + (2 * y)) / (float)(width + (2 * height));
            }
        }

        return image;
    }
}
