using SpineKit.Imaging.Drawing;

namespace SpineKit.Imaging.Tests.Drawing;

public class TextTests
{
    [Fact]
    public void EveryPrintableCharacterHasItsOwnGlyph()
    {
        var seen = new HashSet<string>();
        for (var c = '!'; c <= '~'; c++)
        {
            var rows = BitmapFont.Glyph(c).ToArray();
            Assert.Equal(BitmapFont.GlyphHeight, rows.Length);
            Assert.Contains(rows, r => r != 0);
            Assert.All(rows, r => Assert.InRange(r, 0, 31));
            Assert.True(seen.Add(Convert.ToHexString(rows)), $"'{c}' looks like another character");
        }

        Assert.All(BitmapFont.Glyph(' ').ToArray(), r => Assert.Equal(0, r));
        Assert.Equal(BitmapFont.Glyph('?').ToArray(), BitmapFont.Glyph('\u00e9').ToArray());
    }

    [Fact]
    public void CapitalHIsTwoPostsAndABar()
    {
        var rows = BitmapFont.Glyph('H').ToArray();

        Assert.Equal(new byte[] { 0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001, 0 }, rows);
    }

    [Fact]
    public void ScaledTextPaintsEachFontPixelAsABlock()
    {
        var canvas = new Image<byte>(40, 30, 3);

        Draw.Text(canvas, "H", 2, 3, Rgb.Cyan, scale: 3);

        // Left post: font column 0, rows 0..6 -> x 2..4, y 3..23.
        for (var y = 3; y < 24; y++)
        {
            Assert.Equal(255, canvas[3, y, 1]);
        }

        // Bar: font row 3 -> y 12..14 across x 2..16; the gap in row 0 at font column 2 (x 8..10) stays empty.
        Assert.Equal(255, canvas[9, 13, 2]);
        Assert.Equal(0, canvas[9, 4, 2]);
        Assert.Equal(0, canvas[2, 24, 1]);
        Assert.Equal(0, canvas[9, 13, 0]);
        Assert.Equal(0, canvas[17, 13, 1]);
    }

    [Fact]
    public void NewlinesStartALineBelowAtTheSameLeftEdge()
    {
        var canvas = new Image<byte>(20, 30, 3);

        Draw.Text(canvas, "-\n-", 1, 0, Rgb.White);

        // '-' is ink in row 3, columns 0..4.
        Assert.Equal(255, canvas[1, 3]);
        Assert.Equal(255, canvas[1, 3 + BitmapFont.LineHeight]);
        Assert.Equal(0, canvas[7, 3]);
    }

    [Fact]
    public void MeasureTextCountsAdvancesAndLines()
    {
        Assert.Equal((22, 36), Draw.MeasureText("ab\nc", 2));
        Assert.Equal((5, 8), Draw.MeasureText("x"));
    }
}
