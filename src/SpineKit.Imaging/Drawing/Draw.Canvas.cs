namespace SpineKit.Imaging.Drawing;

/// <summary>
/// Rasterises overlays onto an 8-bit RGB image (3 channels) in place, in the continuous coordinates of
/// <see cref="Transforms.PixelGrid"/>: a pixel is painted according to where its centre (i + 0.5, j + 0.5) lies.
/// Anything outside the canvas is clipped; a shape with a non-finite coordinate is skipped. Anti-aliased shapes blend with coverage estimated from the distance of
/// the pixel centre to the shape's edge.
/// </summary>
public static partial class Draw
{
    private static void RequireCanvas(Image<byte> canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        if (canvas.Channels != 3)
        {
            throw new ArgumentException($"Overlays are drawn on 3-channel RGB images, not {canvas.Channels} channels; see GrayToRgb.", nameof(canvas));
        }
    }

    // coverage in [0, 1]: 1 paints the colour, 0 leaves the pixel alone.
    private static void Blend(Image<byte> canvas, int x, int y, Rgb colour, float coverage)
    {
        if ((uint)x >= (uint)canvas.Width || (uint)y >= (uint)canvas.Height || !(coverage > 0))
        {
            return;
        }

        var i = ((y * canvas.Width) + x) * 3;
        var pixels = canvas.Pixels;
        if (coverage >= 1)
        {
            pixels[i] = colour.R;
            pixels[i + 1] = colour.G;
            pixels[i + 2] = colour.B;
            return;
        }

        pixels[i] = Mix(pixels[i], colour.R, coverage);
        pixels[i + 1] = Mix(pixels[i + 1], colour.G, coverage);
        pixels[i + 2] = Mix(pixels[i + 2], colour.B, coverage);
    }

    private static byte Mix(byte under, byte over, float coverage) =>
        (byte)MathF.Round(under + ((over - under) * coverage));

    // Coverage of a pixel whose centre is at signed distance "outside" from a shape boundary (negative = inside).
    private static float Coverage(float outside, bool antialias) =>
        antialias ? Math.Clamp(0.5f - outside, 0f, 1f) : (outside <= 0 ? 1f : 0f);
}
