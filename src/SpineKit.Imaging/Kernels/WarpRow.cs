using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// Vectorised <see cref="WarpRowScalar"/> (AVX-512; the other paths run the scalar code): eight pixels at a time
/// with positions in double precision and four 8-lane gathers for the neighbours. Blocks touching the border fall
/// back to the scalar code. The arithmetic is the scalar code's, operation for operation and without fused
/// multiply-adds, so the results are identical.
/// </summary>
internal static class WarpRow
{
    /// <inheritdoc cref="WarpRowScalar.Sample(Image{float}, double, double, double, double, float, Span{float})"/>
    public static unsafe void Sample(Image<float> image, double u, double v, double du, double dv, float borderValue, Span<float> output, SimdPath path = SimdPath.Auto)
    {
        if (SimdPaths.Resolve(path) != SimdPath.Vector512 || !Avx512F.IsSupported || !Avx2.IsSupported)
        {
            WarpRowScalar.Sample(image, u, v, du, dv, borderValue, output);
            return;
        }

        var width = image.Width;
        var lastX = Vector512.Create((double)(width - 1));
        var lastY = Vector512.Create((double)(image.Height - 1));
        var stride = Vector256.Create(width);
        var lanes = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
        fixed (float* pixels = image.Pixels)
        fixed (float* destination = output)
        {
            var x = 0;
            for (; x <= output.Length - 8; x += 8)
            {
                var xs = Vector512.Create((double)x) + lanes;
                var su = Vector512.Create(u) + (xs * du);
                var sv = Vector512.Create(v) + (xs * dv);
                var inside = Vector512.GreaterThanOrEqual(su, Vector512<double>.Zero) & Vector512.GreaterThanOrEqual(sv, Vector512<double>.Zero)
                    & Vector512.LessThan(su, lastX) & Vector512.LessThan(sv, lastY);
                if (inside.ExtractMostSignificantBits() != 0xFF)
                {
                    for (var lane = 0; lane < 8; lane++)
                    {
                        WarpRowScalar.Sample(image, u + ((x + lane) * du), v + ((x + lane) * dv), borderValue, output.Slice(x + lane, 1));
                    }

                    continue;
                }

                // Inside the image truncation is floor, as in the reference.
                var x0 = Avx512F.ConvertToVector256Int32WithTruncation(su);
                var y0 = Avx512F.ConvertToVector256Int32WithTruncation(sv);
                var fx = Avx512F.ConvertToVector256Single(su - Avx512F.ConvertToVector512Double(x0));
                var fy = Avx512F.ConvertToVector256Single(sv - Avx512F.ConvertToVector512Double(y0));
                var index = Avx2.Add(Avx2.MultiplyLow(y0, stride), x0);
                var below = Avx2.Add(index, stride);
                var p00 = Avx2.GatherVector256(pixels, index, 4);
                var p10 = Avx2.GatherVector256(pixels, Avx2.Add(index, Vector256<int>.One), 4);
                var p01 = Avx2.GatherVector256(pixels, below, 4);
                var p11 = Avx2.GatherVector256(pixels, Avx2.Add(below, Vector256<int>.One), 4);
                var top = Avx.Add(p00, Avx.Multiply(fx, Avx.Subtract(p10, p00)));
                var bottom = Avx.Add(p01, Avx.Multiply(fx, Avx.Subtract(p11, p01)));
                Avx.Store(destination + x, Avx.Add(top, Avx.Multiply(fy, Avx.Subtract(bottom, top))));
            }

            for (; x < output.Length; x++)
            {
                WarpRowScalar.Sample(image, u + (x * du), v + (x * dv), borderValue, output.Slice(x, 1));
            }
        }
    }
}
