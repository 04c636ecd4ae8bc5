using SpineKit.Imaging.Morphology;

namespace SpineKit.Imaging.Tests.Morphology;

public class BinaryMorphologyTests
{
    internal static Image<byte> Mask(params string[] rows)
    {
        var mask = new Image<byte>(rows[0].Length, rows.Length);
        for (var y = 0; y < rows.Length; y++)
        {
            for (var x = 0; x < rows[y].Length; x++)
            {
                mask[x, y] = rows[y][x] == '#' ? (byte)255 : (byte)0;
            }
        }

        return mask;
    }

    internal static string[] Rows(Image<byte> mask) =>
        Enumerable.Range(0, mask.Height).Select(y => new string(Enumerable.Range(0, mask.Width).Select(x => mask[x, y] != 0 ? '#' : '.').ToArray())).ToArray();

    [Fact]
    public void DilatingOnePixelByRadiusTwoPaintsTheThirteenPixelDisc()
    {
        var mask = new Image<byte>(7, 7);
        mask[3, 3] = 1;

        var dilated = BinaryMorphology.Dilate(mask, 2);

        Assert.Equal(
            [
                ".......",
                "...#...",
                "..###..",
                ".#####.",
                "..###..",
                "...#...",
                ".......",
            ],
            Rows(dilated));
        Assert.All(dilated.Pixels, p => Assert.True(p is 0 or 255));
    }

    [Fact]
    public void ErodingASquareByRadiusOneLeavesItsInterior()
    {
        var mask = Mask(
            ".......",
            ".#####.",
            ".#####.",
            ".#####.",
            ".#####.",
            ".#####.",
            ".......");

        Assert.Equal(
            [
                ".......",
                ".......",
                "..###..",
                "..###..",
                "..###..",
                ".......",
                ".......",
            ],
            Rows(BinaryMorphology.Erode(mask, 1)));
    }

    [Fact]
    public void TheImageBorderDoesNotErodeAnObjectTouchingIt()
    {
        var mask = Mask(
            "###...",
            "###...",
            "###...",
            "......");

        Assert.Equal(["##....", "##....", "......", "......"], Rows(BinaryMorphology.Erode(mask, 1)));
    }

    [Fact]
    public void RadiusZeroOnlyBinarises()
    {
        var mask = new Image<byte>(3, 1, 1, [0, 7, 255]);

        Assert.Equal(new byte[] { 0, 255, 255 }, BinaryMorphology.Erode(mask, 0).Pixels);
        Assert.Equal(new byte[] { 0, 255, 255 }, BinaryMorphology.Dilate(mask, 0).Pixels);
    }

    [Fact]
    public void OpeningRemovesASpeckAndKeepsTheBodyCentre()
    {
        var mask = Mask(
            "#.........",
            "...#####..",
            "...#####..",
            "...#####..",
            "...#####..",
            "...#####..",
            "..........");

        var opened = BinaryMorphology.Open(mask, 1);

        Assert.Equal(0, opened[0, 0]);
        Assert.Equal(255, opened[5, 3]);
        Assert.Equal(255, opened[3, 3]);
    }

    [Fact]
    public void DisagreesWithABruteForceDiscNowhere()
    {
        var random = new Random(5);
        var mask = new Image<byte>(23, 17);
        for (var i = 0; i < mask.Pixels.Length; i++)
        {
            mask.Pixels[i] = random.NextDouble() < 0.3 ? (byte)255 : (byte)0;
        }

        foreach (var radius in new[] { 1, 2, 3, 5 })
        {
            Assert.Equal(BruteForce(mask, radius, erode: false), BinaryMorphology.Dilate(mask, radius).Pixels);
            Assert.Equal(BruteForce(mask, radius, erode: true), BinaryMorphology.Erode(mask, radius).Pixels);
        }
    }

    [Fact]
    public void RejectsColourImagesAndNegativeRadii()
    {
        Assert.Throws<ArgumentException>(() => BinaryMorphology.Dilate(new Image<byte>(2, 2, 3), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMorphology.Erode(new Image<byte>(2, 2), -1));
    }

    // The definition itself: every offset with dx^2 + dy^2 <= r^2, outside counting as the neutral value.
    private static byte[] BruteForce(Image<byte> mask, int radius, bool erode)
    {
        var result = new byte[mask.Pixels.Length];
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                var all = true;
                var any = false;
                for (var dy = -radius; dy <= radius; dy++)
                {
                    for (var dx = -radius; dx <= radius; dx++)
                    {
                        if ((dx * dx) + (dy * dy) > radius * radius)
                        {
                            continue;
                        }

                        int sx = x + dx, sy = y + dy;
                        var inside = sx >= 0 && sy >= 0 && sx < mask.Width && sy < mask.Height;
                        var on = inside ? mask[sx, sy] != 0 : erode;
                        all &= on;
                        any |= on;
                    }
                }

                result[(y * mask.Width) + x] = (erode ? all : any) ? (byte)255 : (byte)0;
            }
        }

        return result;
    }
}
