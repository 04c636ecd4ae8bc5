namespace SpineKit.Imaging.Drawing;

public static partial class Draw
{
    /// <summary>
    /// Writes <paramref name="text"/> with <see cref="BitmapFont"/>, the top-left corner of the first glyph cell at
    /// pixel (<paramref name="left"/>, <paramref name="top"/>), each font pixel drawn as a
    /// <paramref name="scale"/> x <paramref name="scale"/> block. '\n' starts a new line.
    /// </summary>
    public static void Text(Image<byte> canvas, string text, int left, int top, Rgb colour, int scale = 1)
    {
        RequireCanvas(canvas);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 256);
        var x = left;
        var y = top;
        foreach (var character in text)
        {
            if (character == '\n')
            {
                x = left;
                y += BitmapFont.LineHeight * scale;
                continue;
            }

            var rows = BitmapFont.Glyph(character);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < BitmapFont.GlyphWidth; c++)
                {
                    if ((rows[r] & (1 << (BitmapFont.GlyphWidth - 1 - c))) != 0)
                    {
                        FillBlock(canvas, x + (c * scale), y + (r * scale), scale, colour);
                    }
                }
            }

            x += BitmapFont.Advance * scale;
        }
    }

    /// <summary>The width and height in pixels that <see cref="Text"/> covers for <paramref name="text"/>.</summary>
    public static (int Width, int Height) MeasureText(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var longest = lines.Max(line => line.Length);
        var width = longest == 0 ? 0 : ((longest - 1) * BitmapFont.Advance) + BitmapFont.GlyphWidth;
        var height = ((lines.Length - 1) * BitmapFont.LineHeight) + BitmapFont.GlyphHeight;
        return (width * scale, height * scale);
    }

    private static void FillBlock(Image<byte> canvas, int left, int top, int size, Rgb colour)
    {
        for (var y = Math.Max(top, 0); y < Math.Min(top + size, canvas.Height); y++)
        {
            for (var x = Math.Max(left, 0); x < Math.Min(left + size, canvas.Width); x++)
            {
                Blend(canvas, x, y, colour, 1f);
            }
        }
    }
}
