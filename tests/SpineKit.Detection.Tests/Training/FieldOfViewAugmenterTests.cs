using System.Numerics;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Training;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Training;

public class FieldOfViewAugmenterTests
{
    private const int Width = 64;
    private const int Height = 192;

    // A film with 17 bright bodies on a dark background (value 0.1); every body is a 12x6 block.
    private static (Image<float> Image, Vector2[] Corners) Spine()
    {
        var image = new Image<float>(Width, Height);
        Array.Fill(image.Pixels, 0.1f);
        var corners = new List<Vector2>();
        for (var v = 0; v < 17; v++)
        {
            float top = 10 + (v * 10), bottom = top + 6;
            for (var y = (int)top; y < bottom; y++)
            {
                for (var x = 26; x < 38; x++)
                {
                    image[x, y] = 0.9f;
                }
            }

            corners.AddRange([new(26, top), new(38, top), new(26, bottom), new(38, bottom)]);
        }

        return (image, [.. corners]);
    }

    // A host film: uniform 0.5 with a column of boxes in its middle third.
    private static (Image<float>, BodyBox[]) Host()
    {
        var image = new Image<float>(Width, Height);
        Array.Fill(image.Pixels, 0.5f);
        BodyBox[] boxes = [.. Enumerable.Range(0, 15).Select(i => new BodyBox(26, 60 + (i * 5), 38, 64 + (i * 5)))];
        return (image, boxes);
    }

    private static float Sample(Image<float> image, Vector2 point) => image[Math.Clamp((int)point.X, 0, image.Width - 1), Math.Clamp((int)point.Y, 0, image.Height - 1)];

    [Fact]
    public void TransplantedBodiesKeepTheirCornersAndTheSurroundingsAreTheHost()
    {
        var (image, corners) = Spine();
        var augmenter = new FieldOfViewAugmenter(new FieldOfViewSettings { TransplantProbability = 1, CropProbability = 0 }, [Host()]);

        var (output, moved) = augmenter.Apply(image, corners, 3.0, new Random(3));

        // The spine was shrunk onto the host's shorter column: the corners moved with it.
        Assert.True(moved[^1].Y - moved[0].Y < corners[^1].Y - corners[0].Y);
        for (var v = 0; v < 17; v++)
        {
            var centre = (moved[4 * v] + moved[(4 * v) + 1] + moved[(4 * v) + 2] + moved[(4 * v) + 3]) / 4;
            Assert.True(Sample(output, centre) > Sample(output, centre + new Vector2(0, 0.55f * (moved[(4 * v) + 2].Y - moved[4 * v].Y) + 1.5f)) - 0.05f);
        }

        // Far from the pasted band (the corners), only the host is left.
        Assert.Equal(0.5f, output[1, 1], 3);
        Assert.Equal(0.5f, output[Width - 2, Height - 2], 3);
        Assert.Equal(0.1f, image[1, 1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CutsKeepAtLeastTheMinimumOfWholeBodiesInTheFrame(int seed)
    {
        var (image, corners) = Spine();
        var augmenter = new FieldOfViewAugmenter(new FieldOfViewSettings { TransplantProbability = 0, CropProbability = 1 }, []);

        var (output, moved) = augmenter.Apply(image, corners, 3.0, new Random(seed));

        var inside = Enumerable.Range(0, 17).Where(v => moved.Skip(4 * v).Take(4).All(p => p.X >= 0 && p.X <= Width && p.Y >= 0 && p.Y <= Height)).ToList();
        Assert.True(inside.Count >= 3, $"{inside.Count} whole bodies in the frame");
        Assert.True(inside.Count < 17 || moved[0].Y >= 0, "a cut removes at least one level unless it keeps T1 at the top");

        // Levels stay in order and consecutive: a cut never reorders or skips.
        Assert.Equal(Enumerable.Range(inside[0], inside.Count), inside);
        var centre = (moved[4 * inside[0]] + moved[(4 * inside[0]) + 3]) / 2;
        Assert.True(Sample(output, centre) > 0.5f, "the body is still under its corners");
    }
}
