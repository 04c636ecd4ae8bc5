using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Segmentation.Codecs;

public class SpineStripTests
{
    private const int InputWidth = 8;
    private const int InputHeight = 16;

    [Fact]
    public void PointsMapToTheInputAndBackExactly()
    {
        var tile = new SpineStripTile(-3, 40, 24, 48);

        Assert.Equal(Vector2.Zero, tile.ToInput(new Point2(-3, 40), InputWidth, InputHeight));
        Assert.Equal(new Vector2(InputWidth, InputHeight), tile.ToInput(new Point2(21, 88), InputWidth, InputHeight));
        Assert.Equal(new Vector2(2.5f, 4.25f), tile.ToInput(new Point2(4.5, 52.75), InputWidth, InputHeight));
        var point = new Point2(10.25, 70.5);
        var back = tile.ToOriginal(tile.ToInput(point, InputWidth, InputHeight), InputWidth, InputHeight);
        Assert.Equal(point.X, back.X, 5);
        Assert.Equal(point.Y, back.Y, 5);
    }

    [Theory]
    [InlineData(16, 32)] // twice the input: area averaging
    [InlineData(4, 8)] // half the input: bilinear
    public void TheCutSamplesTheFilmWhereTheMappingSays(int tileWidth, int tileHeight)
    {
        // A film linear in the continuous coordinates of its pixel centres: every resampling of it is exact inside.
        var film = new Image<float>(60, 90);
        for (var y = 0; y < film.Height; y++)
        {
            for (var x = 0; x < film.Width; x++)
            {
                film[x, y] = Linear(x + 0.5, y + 0.5);
            }
        }

        var tile = new SpineStripTile(20, 30, tileWidth, tileHeight);

        var input = SpineStrip.Cut(film, tile, InputWidth, InputHeight);

        Assert.Equal((InputWidth, InputHeight), (input.Width, input.Height));
        for (var j = 1; j < InputHeight - 1; j++)
        {
            for (var i = 1; i < InputWidth - 1; i++)
            {
                var original = tile.ToOriginal(new Vector2(i + 0.5f, j + 0.5f), InputWidth, InputHeight);
                Assert.Equal(Linear(original.X, original.Y), input[i, j], 3);
            }
        }
    }

    [Fact]
    public void MergedProbabilitiesLandWhereTheMappingSays()
    {
        // One class plane linear in input coordinates, the others its complement: the film sees it at its mapped place.
        var tile = new SpineStripTile(5, 7, 2 * InputWidth, 2 * InputHeight);
        var map = new float[3 * InputWidth * InputHeight];
        var plane = InputWidth * InputHeight;
        for (var j = 0; j < InputHeight; j++)
        {
            for (var i = 0; i < InputWidth; i++)
            {
                var value = (float)((0.02 * (i + 0.5)) + (0.01 * (j + 0.5)));
                map[plane + (j * InputWidth) + i] = value;
                map[(j * InputWidth) + i] = 1 - value;
            }
        }

        var merged = SpineStrip.Merge([map], [tile], InputWidth, InputHeight, 40, 50);

        var filmPlane = 40 * 50;
        for (var y = tile.Top + 2; y < tile.Top + tile.Height - 2; y++)
        {
            for (var x = tile.Left + 2; x < tile.Left + tile.Width - 2; x++)
            {
                var input = tile.ToInput(new Point2(x + 0.5, y + 0.5), InputWidth, InputHeight);
                Assert.Equal((0.02 * input.X) + (0.01 * input.Y), merged[filmPlane + (y * 40) + x], 5);
            }
        }

        // Outside the tile: background for sure.
        Assert.Equal(1, merged[0]);
        Assert.Equal(0, merged[filmPlane]);
    }

    [Fact]
    public void ATileOverTheWholeFilmIsTheWholeFilmPath()
    {
        var random = new Random(5);
        var film = new Image<float>(30, 70);
        for (var i = 0; i < film.Pixels.Length; i++)
        {
            film.Pixels[i] = (float)random.NextDouble();
        }

        var whole = new SpineStripTile(0, 0, film.Width, film.Height);
        var map = Enumerable.Range(0, 3 * InputWidth * InputHeight).Select(_ => (float)random.NextDouble()).ToArray();

        Assert.Equal(InputNormalizer.Resize(film, InputWidth, InputHeight).Pixels, SpineStrip.Cut(film, whole, InputWidth, InputHeight).Pixels);
        Assert.Equal(
            ClassProbabilities.Resize(map, InputWidth, InputHeight, film.Width, film.Height),
            SpineStrip.Merge([map], [whole], InputWidth, InputHeight, film.Width, film.Height));
    }

    [Fact]
    public void OverlappingTilesAreAveraged()
    {
        var ones = Enumerable.Repeat(1f, 3 * InputWidth * InputHeight).ToArray();
        var zeros = new float[3 * InputWidth * InputHeight];

        // Two input-sized tiles overlapping in rows 8..15 of a 8 x 24 film.
        var merged = SpineStrip.Merge([ones, zeros], [new(0, 0, InputWidth, InputHeight), new(0, 8, InputWidth, InputHeight)], InputWidth, InputHeight, 8, 24);

        Assert.Equal(1, merged[(2 * 8) + 3]);
        Assert.Equal(0.5f, merged[(10 * 8) + 3]);
        Assert.Equal(0, merged[(20 * 8) + 3]);
    }

    [Fact]
    public void TilesFollowACurvedSpineAndCoverEveryBody()
    {
        // Seventeen bodies 60 x 40 px, 50 px apart, drifting right by 10 px per level (a 160 px sideways curve).
        var vertebrae = VertebraLevels.ChallengeLevels.Select((level, k) =>
        {
            var (x, y) = (300.0 + (10 * k), 200.0 + (50 * k));
            return new Vertebra(level, new Point2(x, y), new Point2(x + 60, y), new Point2(x, y + 40), new Point2(x + 60, y + 40));
        });
        var landmarks = new LandmarkSet(new ImageSize(1000, 1400), vertebrae);

        var tiles = SpineStrip.Plan(landmarks, 256, 512, tiles: 3, margin: 0.5, overlap: 0.25);

        Assert.Equal(3, tiles.Count);
        Assert.True(tiles[2].Left > tiles[0].Left, "the lower tile sits further right, with the spine");
        foreach (var vertebra in landmarks.Vertebrae)
        {
            Assert.All(vertebra.CornerArray(), corner => Assert.Contains(tiles, t => corner.X >= t.Left && corner.X <= t.Left + t.Width && corner.Y >= t.Top && corner.Y <= t.Top + t.Height));
        }

        // The input's aspect (1:2) within a pixel, and each tile far shorter than the film: a disc gets more input pixels.
        Assert.All(tiles, t => Assert.InRange((2.0 * t.Width) - t.Height, -2, 2));
        Assert.All(tiles, t => Assert.True(t.Height < landmarks.Size.Height / 2, $"tile {t} is not much shorter than the film"));
    }

    [Fact]
    public void WithoutT1ToL5ThereIsNoStrip()
    {
        var cervical = new LandmarkSet(new ImageSize(100, 100), [new Vertebra(VertebraLevel.C5, new Point2(10, 10), new Point2(30, 10), new Point2(10, 20), new Point2(30, 20))]);

        Assert.Empty(SpineStrip.Plan(cervical, 256, 512));
    }

    private static float Linear(double x, double y) => (float)((0.01 * x) + (0.002 * y));
}
