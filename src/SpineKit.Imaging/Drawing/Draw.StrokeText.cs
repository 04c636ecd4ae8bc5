using System.Numerics;

namespace SpineKit.Imaging.Drawing;

public static partial class Draw
{
    /// <summary>
    /// Writes <paramref name="text"/> with <see cref="StrokeFont"/>, capitals <paramref name="capHeight"/> pixels tall,
    /// the top-left of the first capital at <paramref name="origin"/>; strokes are anti-aliased, and with a
    /// <paramref name="halo"/> colour each is first outlined in it so the text reads on bright and dark film alike.
    /// '\n' starts a new line. Returns the box that holds every pixel drawn (<see cref="StrokeFont.Measure"/> at
    /// <paramref name="origin"/>, grown by the halo), in canvas pixels, possibly extending past the canvas.
    /// </summary>
    public static (float Left, float Top, float Width, float Height) StrokeText(Image<byte> canvas, string text, Vector2 origin, float capHeight, Rgb colour, Rgb? halo = null)
    {
        RequireCanvas(canvas);
        ArgumentNullException.ThrowIfNull(text);
        if (!(capHeight > 0) || !float.IsFinite(capHeight) || !float.IsFinite(origin.X) || !float.IsFinite(origin.Y))
        {
            throw new ArgumentOutOfRangeException(nameof(capHeight), "Text needs a positive finite size and a finite position.");
        }

        var scale = capHeight / StrokeFont.CapUnits;
        var half = StrokeFont.StrokeWidth(capHeight) / 2;
        var haloWidth = halo is null ? 0f : MathF.Max(1.5f, half);
        var glyphs = new List<Vector2[][]>();
        var lineTop = origin.Y;
        foreach (var line in text.Split('\n'))
        {
            var x = origin.X;
            foreach (var character in line)
            {
                var glyph = StrokeFont.GlyphOf(character);
                var left = x;
                glyphs.Add([.. glyph.Strokes.Select(stroke => stroke.Select(p => new Vector2(left + (p.X * scale), lineTop + (p.Y * scale))).ToArray())]);
                x += (glyph.Width + StrokeFont.GapUnits) * scale;
            }

            lineTop += StrokeFont.LineUnits * scale;
        }

        // All outlines first, then all ink, so one glyph's outline never covers its neighbour's strokes.
        if (halo is { } outline)
        {
            foreach (var strokes in glyphs)
            {
                FillStrokes(canvas, strokes, half + haloWidth, outline);
            }
        }

        foreach (var strokes in glyphs)
        {
            FillStrokes(canvas, strokes, half, colour);
        }

        var box = StrokeFont.Measure(text, capHeight);
        return (origin.X + box.Left - haloWidth, origin.Y + box.Top - haloWidth, box.Width + (2 * haloWidth), box.Height + (2 * haloWidth));
    }

    // Paints every pixel by its distance to the nearest segment of the glyph (one coverage per pixel, so joints
    // where strokes meet are not painted twice and stay as smooth as the rest).
    private static void FillStrokes(Image<byte> canvas, Vector2[][] strokes, float half, Rgb colour)
    {
        var points = strokes.SelectMany(s => s).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        var (x0, x1) = Span(points.Min(p => p.X) - half - 1, points.Max(p => p.X) + half + 1, canvas.Width);
        var (y0, y1) = Span(points.Min(p => p.Y) - half - 1, points.Max(p => p.Y) + half + 1, canvas.Height);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var p = Transforms.PixelGrid.CenterOf(x, y);
                var nearest = float.MaxValue;
                foreach (var stroke in strokes)
                {
                    for (var i = 0; i < stroke.Length; i++)
                    {
                        var from = stroke[i];
                        var to = stroke[Math.Min(i + 1, stroke.Length - 1)];
                        var direction = to - from;
                        var lengthSquared = direction.LengthSquared();
                        var t = lengthSquared > 0 ? Math.Clamp(Vector2.Dot(p - from, direction) / lengthSquared, 0f, 1f) : 0f;
                        nearest = MathF.Min(nearest, Vector2.Distance(p, from + (t * direction)));
                    }
                }

                Blend(canvas, x, y, colour, Coverage(nearest - half, antialias: true));
            }
        }
    }
}
