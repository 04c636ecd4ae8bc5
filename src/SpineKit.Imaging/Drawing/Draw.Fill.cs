using System.Numerics;

namespace SpineKit.Imaging.Drawing;

public static partial class Draw
{
    /// <summary>
    /// Fills a polygon by scanlines through the pixel centres: a pixel is painted when its centre is inside by
    /// <paramref name="rule"/>. Edges are half-open (a centre exactly on a left or top edge is inside, on a right or
    /// bottom edge outside), so a rectangle with integer corners (x0, y0)-(x1, y1) paints exactly the pixels
    /// x0..x1-1, y0..y1-1, and polygons sharing an edge never paint a pixel twice. No anti-aliasing.
    /// </summary>
    public static void FillPolygon(Image<byte> canvas, ReadOnlySpan<Vector2> vertices, Rgb colour, FillRule rule = FillRule.NonZero)
    {
        RequireCanvas(canvas);
        if (vertices.Length < 3)
        {
            return;
        }

        var top = float.PositiveInfinity;
        var bottom = float.NegativeInfinity;
        foreach (var v in vertices)
        {
            if (!float.IsFinite(v.X) || !float.IsFinite(v.Y))
            {
                // Like the other shapes: an undefined vertex (e.g. a failed detection) draws nothing.
                return;
            }

            top = MathF.Min(top, v.Y);
            bottom = MathF.Max(bottom, v.Y);
        }

        var (y0, y1) = Span(top - 1, bottom + 1, canvas.Height);
        var crossings = new List<(float X, int Winding)>();
        for (var y = y0; y <= y1; y++)
        {
            var scan = Transforms.PixelGrid.CenterOf(y);
            crossings.Clear();
            for (var i = 0; i < vertices.Length; i++)
            {
                var a = vertices[i];
                var b = vertices[(i + 1) % vertices.Length];
                // Half-open in y so a vertex shared by two edges is counted once.
                if ((a.Y <= scan && scan < b.Y) || (b.Y <= scan && scan < a.Y))
                {
                    var x = a.X + ((scan - a.Y) / (b.Y - a.Y) * (b.X - a.X));
                    crossings.Add((x, b.Y > a.Y ? 1 : -1));
                }
            }

            crossings.Sort((p, q) => p.X.CompareTo(q.X));
            var winding = 0;
            for (var k = 0; k + 1 < crossings.Count; k++)
            {
                winding += rule == FillRule.EvenOdd ? 1 : crossings[k].Winding;
                var inside = rule == FillRule.EvenOdd ? (winding & 1) == 1 : winding != 0;
                if (inside)
                {
                    FillSpan(canvas, y, crossings[k].X, crossings[k + 1].X, colour);
                }
            }
        }
    }

    // Pixels whose centre x + 0.5 lies in [left, right).
    private static void FillSpan(Image<byte> canvas, int y, float left, float right, Rgb colour)
    {
        var first = Math.Max(0, (int)MathF.Ceiling(left - Transforms.PixelGrid.CenterOffset));
        var last = Math.Min(canvas.Width - 1, (int)MathF.Ceiling(right - Transforms.PixelGrid.CenterOffset) - 1);
        for (var x = first; x <= last; x++)
        {
            Blend(canvas, x, y, colour, 1f);
        }
    }
}
