using System.Numerics;

namespace SpineKit.Imaging.Drawing;

public static partial class Draw
{
    /// <summary>A filled disc of <paramref name="radius"/> pixels centred on <paramref name="centre"/>.</summary>
    public static void Point(Image<byte> canvas, Vector2 centre, float radius, Rgb colour, bool antialias = false)
    {
        RequireCanvas(canvas);
        if (!(radius > 0) || !float.IsFinite(centre.X) || !float.IsFinite(centre.Y))
        {
            return;
        }

        var (x0, x1) = Span(centre.X - radius - 1, centre.X + radius + 1, canvas.Width);
        var (y0, y1) = Span(centre.Y - radius - 1, centre.Y + radius + 1, canvas.Height);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var distance = Vector2.Distance(Transforms.PixelGrid.CenterOf(x, y), centre);
                Blend(canvas, x, y, colour, Coverage(distance - radius, antialias));
            }
        }
    }

    /// <summary>Draws <see cref="Point"/> at each of <paramref name="centres"/>.</summary>
    public static void Points(Image<byte> canvas, ReadOnlySpan<Vector2> centres, float radius, Rgb colour, bool antialias = false)
    {
        foreach (var centre in centres)
        {
            Point(canvas, centre, radius, colour, antialias);
        }
    }

    // The pixel index range whose centres may fall within [low, high], clipped to the canvas.
    private static (int First, int Last) Span(float low, float high, int size) =>
        (Math.Max(0, (int)MathF.Floor(low)), Math.Min(size - 1, (int)MathF.Ceiling(high)));
}
