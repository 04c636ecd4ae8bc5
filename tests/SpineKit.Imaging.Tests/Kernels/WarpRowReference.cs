using SpineKit.Imaging.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Kernels;

/// <summary>
/// Scalar definition of bilinear sampling along a straight run through a single-channel image, the inner loop of
/// <see cref="AffineWarp"/>; <see cref="WarpRow"/> must give identical results.
/// </summary>
internal static class WarpRowReference
{
    /// <summary>
    /// output[x] is the bilinear sample at sample index (<paramref name="u"/> + x * <paramref name="du"/>,
    /// <paramref name="v"/> + x * <paramref name="dv"/>); taps outside the image read <paramref name="borderValue"/>.
    /// </summary>
    public static void Sample(Image<float> image, double u, double v, double du, double dv, float borderValue, Span<float> output)
    {
        for (var x = 0; x < output.Length; x++)
        {
            Sample(image, u + (x * du), v + (x * dv), borderValue, output.Slice(x, 1));
        }
    }

    /// <summary>One pixel; interior positions skip the per-tap border tests.</summary>
    public static void Sample(Image<float> image, double su, double sv, float borderValue, Span<float> output)
    {
        var width = image.Width;
        if (su >= 0 && sv >= 0 && su < width - 1 && sv < image.Height - 1)
        {
            var x0 = (int)su;
            var y0 = (int)sv;
            var fx = (float)(su - x0);
            var fy = (float)(sv - y0);
            var i = (y0 * width) + x0;
            var pixels = image.Pixels;
            var p00 = pixels[i];
            var p10 = pixels[i + 1];
            var p01 = pixels[i + width];
            var p11 = pixels[i + width + 1];
            var top = p00 + (fx * (p10 - p00));
            var bottom = p01 + (fx * (p11 - p01));
            output[0] = top + (fy * (bottom - top));
            return;
        }

        BilinearSampler.Sample(image, su, sv, borderValue, output);
    }
}
