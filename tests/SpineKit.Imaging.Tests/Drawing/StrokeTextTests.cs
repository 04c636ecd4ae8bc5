using System.Numerics;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Imaging.Tests.Drawing;

public sealed class StrokeTextTests
{
    private static readonly char[] Covered = [.. Enumerable.Range(32, 95).Select(c => (char)c).Where(StrokeFont.Has), '\u00b0'];

    [Fact]
    public void EveryGlyphStaysInsideItsBoxAndTheLineBox()
    {
        Assert.True(Covered.Length > 80, $"only {Covered.Length} characters have glyphs");
        foreach (var c in Covered)
        {
            var glyph = StrokeFont.GlyphOf(c);
            Assert.All(glyph.Strokes.SelectMany(s => s), p =>
                Assert.True(p.X >= 0 && p.X <= glyph.Width && p.Y >= -1 && p.Y <= 16, $"'{c}' has a point at ({p.X}, {p.Y}) outside its {glyph.Width}-unit box"));
        }
    }

    [Theory]
    [InlineData("Cobb 41.1\u00b0 (T6-T12), gjpqy", 30f, true)]
    [InlineData("AASCE challenge\n41.1\u00b0 14.6\u00b0 40.1\u00b0", 17.5f, false)]
    [InlineData("W_|/", 9f, true)]
    public void TextRendersWithinItsReportedBounds(string text, float capHeight, bool halo)
    {
        var canvas = new Image<byte>(900, 200, 3);
        var origin = new Vector2(40.3f, 50.6f);

        var box = Draw.StrokeText(canvas, text, origin, capHeight, Rgb.White, halo ? new Rgb(0, 0, 90) : null);

        var (left, top, right, bottom) = InkExtent(canvas);
        Assert.True(left + 0.5 >= box.Left && right + 0.5 <= box.Left + box.Width, $"ink x {left}..{right} outside {box.Left}..{box.Left + box.Width}");
        Assert.True(top + 0.5 >= box.Top && bottom + 0.5 <= box.Top + box.Height, $"ink y {top}..{bottom} outside {box.Top}..{box.Top + box.Height}");

        // And the box is not loose: the ink reaches within a stroke of its left and right sides.
        var stroke = StrokeFont.StrokeWidth(capHeight) + 2;
        Assert.True(left - box.Left < stroke && box.Left + box.Width - right < stroke + 1, $"ink x {left}..{right} in a box {box.Left}..{box.Left + box.Width}");
        if (!halo)
        {
            // Measure answers the same box without drawing.
            var measured = StrokeFont.Measure(text, capHeight);
            Assert.Equal((origin.X + measured.Left, origin.Y + measured.Top, measured.Width, measured.Height), box);
        }
    }

    [Fact]
    public void TextScalesWithItsSize()
    {
        var small = Extent("T12 41.1\u00b0", 16f);
        var large = Extent("T12 41.1\u00b0", 48f);

        Assert.InRange(large.Width / (double)small.Width, 2.8, 3.2);
        Assert.InRange(large.Height / (double)small.Height, 2.8, 3.2);

        // Capitals are the size asked for: ink from the cap line to the baseline, within a stroke.
        var cap = Extent("H", 48f);
        Assert.InRange(cap.Height, 48, 48 + StrokeFont.StrokeWidth(48f) + 2);
    }

    [Fact]
    public void TheDegreeSignHasItsOwnGlyphHighOnTheLine()
    {
        Assert.True(StrokeFont.Has('\u00b0'));
        Assert.False(StrokeFont.Has('\u00e9'));
        var degree = Render("\u00b0", 40f);
        var question = Render("?", 40f);
        var unknown = Render("\u00e9", 40f);

        Assert.NotEqual(question.Pixels, degree.Pixels);
        Assert.Equal(question.Pixels, unknown.Pixels);

        // A small ring at the top of the line: nothing below the middle of the capitals (origin y = 20).
        var (_, top, _, bottom) = InkExtent(degree);
        Assert.True(top >= 16 && bottom <= 20 + 20, $"the degree sign spans rows {top}..{bottom}");
        Assert.Equal(0, degree[27, 27]); // the ring (centre 2.25 units = 7.5 px from the origin) is hollow
    }

    [Fact]
    public void EdgesAreAntiAliased()
    {
        var canvas = Render("Cobb 41.1\u00b0", 20f);

        var greys = canvas.Pixels.Where((v, i) => i % 3 == 0 && v is > 0 and < 255).Count();
        var full = canvas.Pixels.Where((v, i) => i % 3 == 0 && v == 255).Count();

        Assert.True(full > 0 && greys > full / 4, $"{full} full and {greys} partial pixels");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-3f)]
    [InlineData(float.NaN)]
    public void ASizeThatIsNotPositiveIsRefused(float capHeight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Draw.StrokeText(new Image<byte>(10, 10, 3), "x", Vector2.Zero, capHeight, Rgb.White));
    }

    private static Image<byte> Render(string text, float capHeight)
    {
        var canvas = new Image<byte>(600, 200, 3);
        Draw.StrokeText(canvas, text, new Vector2(20, 20), capHeight, Rgb.White);
        return canvas;
    }

    private static (int Width, int Height) Extent(string text, float capHeight)
    {
        var (left, top, right, bottom) = InkExtent(Render(text, capHeight));
        return (right - left + 1, bottom - top + 1);
    }

    // The first and last column and row with any channel changed from black.
    private static (int Left, int Top, int Right, int Bottom) InkExtent(Image<byte> canvas)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                if (canvas[x, y, 0] != 0 || canvas[x, y, 1] != 0 || canvas[x, y, 2] != 0)
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                }
            }
        }

        Assert.True(right >= 0, "nothing was drawn");
        return (left, top, right, bottom);
    }
}
