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

    /// <summary>
    /// Samples a single-channel image along a straight run: output[x] is <see cref="Sample"/> at
    /// (<paramref name="u"/> + x * <paramref name="du"/>, <paramref name="v"/> + x * <paramref name="dv"/>).
    /// Interior samples, the vast majority, skip the per-tap border tests.
    /// </summary>
    public static void SampleRow(Image<float> image, double u, double v, double du, double dv, float borderValue, Span<float> output)
    {
        var pixels = image.Pixels;
        var width = image.Width;
        var lastX = width - 1;
        var lastY = image.Height - 1;
        for (var x = 0; x < output.Length; x++)
        {
            var su = u + (x * du);
            var sv = v + (x * dv);
            if (su >= 0 && sv >= 0 && su < lastX && sv < lastY)
            {
                var x0 = (int)su;
                var y0 = (int)sv;
                var fx = (float)(su - x0);
                var fy = (float)(sv - y0);
                var i = (y0 * width) + x0;
                var p00 = pixels[i];
                var p10 = pixels[i + 1];
                var p01 = pixels[i + width];
                var p11 = pixels[i + width + 1];
                var top = p00 + (fx * (p10 - p00));
                var bottom = p01 + (fx * (p11 - p01));
                output[x] = top + (fy * (bottom - top));
            }
            else
            {
                Sample(image, su, sv, borderValue, output.Slice(x, 1));
            }
        }
    }
}
