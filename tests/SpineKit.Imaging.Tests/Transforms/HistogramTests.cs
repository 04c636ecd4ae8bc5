using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

/// <summary>Equalisation and CLAHE against OpenCV 4.6 and against their defining properties.</summary>
public class HistogramTests
{
    private static readonly Image<float> Grey = OracleFixture.Read("clahe_input.txt", 255);

    [Fact]
    public void EqualisationMatchesOpenCvExactly()
    {
        var expected = OracleFixture.ReadBytes("equalize.txt");

        var result = ImageConversion.ToByte(HistogramEqualization.Apply(Grey));

        Assert.Equal(expected, result.Pixels);
    }

    [Fact]
    public void EqualisedUniformRampIsTheRampWithAFlatHistogram()
    {
        // Every level 0..255 appears exactly 4 times: the cdf is already linear.
        var ramp = new Image<float>(64, 16);
        for (var i = 0; i < ramp.Pixels.Length; i++)
        {
            ramp.Pixels[i] = (i % 256) / 255f;
        }

        var result = ImageConversion.ToByte(HistogramEqualization.Apply(ramp)).Pixels;

        var histogram = new int[256];
        for (var i = 0; i < result.Length; i++)
        {
            histogram[result[i]]++;
            Assert.InRange(Math.Abs(result[i] - (i % 256)), 0, 1);
        }

        Assert.All(histogram, count => Assert.Equal(4, count));
    }

    [Fact]
    public void EqualisingASingleLevelKeepsIt()
    {
        var flat = new Image<float>(5, 5);
        Array.Fill(flat.Pixels, 100 / 255f);

        Assert.All(HistogramEqualization.Apply(flat).Pixels, v => Assert.Equal(100 / 255f, v));
    }

    [Theory]
    [InlineData("clahe_clip2_tiles3x4.txt", 2.0, 3, 4)]
    [InlineData("clahe_clip40_tiles4x3.txt", 40.0, 4, 3)]
    [InlineData("clahe_clip1_tiles2x2.txt", 1.0, 2, 2)]
    public void ClaheMatchesOpenCv(string fixture, double clipLimit, int tilesX, int tilesY)
    {
        var expected = OracleFixture.ReadBytes(fixture);

        var result = ImageConversion.ToByte(Clahe.Apply(Grey, clipLimit, tilesX, tilesY)).Pixels;

        // Identical up to float rounding of the final blend: at most one level, on very few pixels.
        var differing = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(Math.Abs(expected[i] - result[i]), 0, 1);
            differing += expected[i] != result[i] ? 1 : 0;
        }

        Assert.InRange(differing, 0, expected.Length / 200);
    }

    [Fact]
    public void UnclippedClaheIsTileWiseEqualisationBlendedBetweenTileCentres()
    {
        // Two tiles side by side (20 x 30 each). A pixel at a tile centre uses that tile's table alone; a pixel
        // halfway between the two centres averages both tables.
        var result = Clahe.Apply(Grey, clipLimit: 1e6, tilesX: 2, tilesY: 1);
        var left = TileTable(0);
        var right = TileTable(20);

        var atLeftCentre = (int)Math.Round(Grey[10, 15] * 255);
        Assert.Equal(left[atLeftCentre], result[10, 15] * 255, 3);
        var atRightCentre = (int)Math.Round(Grey[30, 15] * 255);
        Assert.Equal(right[atRightCentre], result[30, 15] * 255, 3);
        var between = (int)Math.Round(Grey[20, 7] * 255);
        Assert.Equal((left[between] + right[between]) / 2.0, result[20, 7] * 255, 3);
    }

    [Fact]
    public void TinyClipLimitBarelyChangesContrast()
    {
        // Clipping every level at one count and spreading the excess evenly flattens each tile's histogram, so
        // the tables approach the identity. That needs tiles much larger than 256 pixels (here 128 x 128); on
        // small tiles OpenCV's remainder rule (one extra count to each of the lowest levels) dominates instead.
        var image = TestImages.FromFunction(256, 256, (u, v) => 0.3 + (0.4 * Math.Sin(u / 20) * Math.Cos(v / 30)));
        var input = ImageConversion.ToByte(image).Pixels;

        var result = ImageConversion.ToByte(Clahe.Apply(image, clipLimit: 0.01, tilesX: 2, tilesY: 2)).Pixels;

        var worst = input.Zip(result, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(worst, 0, 3);
        var strong = ImageConversion.ToByte(Clahe.Apply(image, clipLimit: 40, tilesX: 2, tilesY: 2)).Pixels;
        Assert.True(input.Zip(strong, (a, b) => Math.Abs(a - b)).Max() > 30, "a loose limit must change contrast");
    }

    [Fact]
    public void ClaheRejectsMoreTilesThanPixels()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clahe.Apply(new Image<float>(4, 4), 2, 5, 1));
        Assert.Throws<ArgumentException>(() => Clahe.Apply(new Image<float>(4, 4, 3)));
    }

    // Plain equalisation of the 20 x 30 tile starting at column x0, written out here as the textbook rule.
    private static double[] TileTable(int x0)
    {
        var histogram = new int[256];
        for (var y = 0; y < 30; y++)
        {
            for (var x = x0; x < x0 + 20; x++)
            {
                histogram[(int)Math.Round(Grey[x, y] * 255)]++;
            }
        }

        var table = new double[256];
        var cumulative = 0;
        for (var i = 0; i < 256; i++)
        {
            cumulative += histogram[i];
            table[i] = Math.Round(cumulative * 255.0 / 600);
        }

        return table;
    }
}
