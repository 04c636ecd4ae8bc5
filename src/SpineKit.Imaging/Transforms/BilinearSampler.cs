namespace SpineKit.Imaging.Transforms;

/// <summary>Bilinear lookup at a fractional sample index; taps outside the image read a constant border value.</summary>
internal static class BilinearSampler
{
    /// <summary>Writes the interpolated samples of every channel at sample index (<paramref name="u"/>, <paramref name="v"/>).</summary>
    public static void Sample(Image<float> image, double u, double v, float borderValue, Span<float> output)
    {
        var channels = image.Channels;
        if (!(u > -1 && v > -1 && u < image.Width && v < image.Height))
        {
            // Also catches NaN coordinates.
            output.Fill(borderValue);
            return;
        }

        var x0 = (int)Math.Floor(u);
        var y0 = (int)Math.Floor(v);
        var fx = (float)(u - x0);
        var fy = (float)(v - y0);
        var pixels = image.Pixels;
        var width = image.Width;
        var inside00 = x0 >= 0 && y0 >= 0;
        var inside10 = x0 + 1 < width && y0 >= 0;
        var inside01 = x0 >= 0 && y0 + 1 < image.Height;
        var inside11 = x0 + 1 < width && y0 + 1 < image.Height;
        for (var c = 0; c < channels; c++)
        {
            var p00 = inside00 ? pixels[(((y0 * width) + x0) * channels) + c] : borderValue;
            var p10 = inside10 ? pixels[(((y0 * width) + x0 + 1) * channels) + c] : borderValue;
            var p01 = inside01 ? pixels[((((y0 + 1) * width) + x0) * channels) + c] : borderValue;
            var p11 = inside11 ? pixels[((((y0 + 1) * width) + x0 + 1) * channels) + c] : borderValue;
            var top = p00 + (fx * (p10 - p00));
            var bottom = p01 + (fx * (p11 - p01));
            output[c] = top + (fy * (bottom - top));
        }
    }
}
