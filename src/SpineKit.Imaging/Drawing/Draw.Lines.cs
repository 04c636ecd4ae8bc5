using System.Numerics;

namespace SpineKit.Imaging.Drawing;

public static partial class Draw
{
    /// <summary>
    /// A straight stroke from <paramref name="from"/> to <paramref name="to"/>, <paramref name="thickness"/> pixels
    /// wide with round ends: every pixel whose centre is within half the thickness of the segment.
    /// </summary>
    public static void Line(Image<byte> canvas, Vector2 from, Vector2 to, float thickness, Rgb colour, bool antialias = false)
    {
        RequireCanvas(canvas);
        if (!(thickness > 0) || !AllFinite(from, to))
        {
            return;
        }

        var half = thickness / 2;
        var (x0, x1) = Span(MathF.Min(from.X, to.X) - half - 1, MathF.Max(from.X, to.X) + half + 1, canvas.Width);
        var (y0, y1) = Span(MathF.Min(from.Y, to.Y) - half - 1, MathF.Max(from.Y, to.Y) + half + 1, canvas.Height);
        var direction = to - from;
        var lengthSquared = direction.LengthSquared();
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var p = Transforms.PixelGrid.CenterOf(x, y);
                var t = lengthSquared > 0 ? Math.Clamp(Vector2.Dot(p - from, direction) / lengthSquared, 0f, 1f) : 0f;
                var distance = Vector2.Distance(p, from + (t * direction));
                Blend(canvas, x, y, colour, Coverage(distance - half, antialias));
            }
        }
    }

    /// <summary>Connects consecutive <paramref name="vertices"/> with <see cref="Line"/>; closes the loop when <paramref name="closed"/>.</summary>
    public static void Polyline(Image<byte> canvas, ReadOnlySpan<Vector2> vertices, float thickness, Rgb colour, bool closed = false, bool antialias = false)
    {
        RequireCanvas(canvas);
        for (var i = 0; i + 1 < vertices.Length; i++)
        {
            Line(canvas, vertices[i], vertices[i + 1], thickness, colour, antialias);
        }

        if (closed && vertices.Length > 2)
        {
            Line(canvas, vertices[^1], vertices[0], thickness, colour, antialias);
        }
    }

    /// <summary>The outline of a closed polygon.</summary>
    public static void Polygon(Image<byte> canvas, ReadOnlySpan<Vector2> vertices, float thickness, Rgb colour, bool antialias = false) =>
        Polyline(canvas, vertices, thickness, colour, closed: true, antialias);

    private static bool AllFinite(Vector2 a, Vector2 b) =>
        float.IsFinite(a.X) && float.IsFinite(a.Y) && float.IsFinite(b.X) && float.IsFinite(b.Y);
}
