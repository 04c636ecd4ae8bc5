using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>
    /// Bilinear resize of NCHW <paramref name="x"/> by integer <paramref name="scale"/> with PyTorch's
    /// <c>align_corners=False</c> rule: source = (destination + 0.5) / scale - 0.5, clamped at 0.
    /// </summary>
    public static Tensor UpsampleBilinear(Tensor x, int scale)
    {
        RequireRank(x, 4, "UpsampleBilinear input");
        if (scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "Scale must be at least 1.");
        }

        int planes = x.Dims[0] * x.Dims[1], height = x.Dims[2], width = x.Dims[3];
        int outHeight = height * scale, outWidth = width * scale;
        var rows = BilinearTaps(height, outHeight, 1.0f / scale);
        var cols = BilinearTaps(width, outWidth, 1.0f / scale);
        var output = Storage.Uninitialized(planes * outHeight * outWidth);
        Parallel.For(0, planes, p =>
        {
            var input = x.Data.AsSpan(p * height * width, height * width);
            var result = output.AsSpan(p * outHeight * outWidth, outHeight * outWidth);
            for (var oy = 0; oy < outHeight; oy++)
            {
                var (y0, y1, wy1) = rows[oy];
                var wy0 = 1f - wy1;
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var (x0, x1, wx1) = cols[ox];
                    var wx0 = 1f - wx1;
                    result[(oy * outWidth) + ox] =
                        (wy0 * ((wx0 * input[(y0 * width) + x0]) + (wx1 * input[(y0 * width) + x1])))
                        + (wy1 * ((wx0 * input[(y1 * width) + x0]) + (wx1 * input[(y1 * width) + x1])));
                }
            }
        });

        return BackwardEngine.Record(new Tensor(output, x.Dims[0], x.Dims[1], outHeight, outWidth), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            Parallel.For(0, planes, p =>
            {
                var grad = g.AsSpan(p * outHeight * outWidth, outHeight * outWidth);
                var result = gx.AsSpan(p * height * width, height * width);
                for (var oy = 0; oy < outHeight; oy++)
                {
                    var (y0, y1, wy1) = rows[oy];
                    var wy0 = 1f - wy1;
                    for (var ox = 0; ox < outWidth; ox++)
                    {
                        var (x0, x1, wx1) = cols[ox];
                        var wx0 = 1f - wx1;
                        var d = grad[(oy * outWidth) + ox];
                        result[(y0 * width) + x0] += wy0 * wx0 * d;
                        result[(y0 * width) + x1] += wy0 * wx1 * d;
                        result[(y1 * width) + x0] += wy1 * wx0 * d;
                        result[(y1 * width) + x1] += wy1 * wx1 * d;
                    }
                }
            });
            BackwardEngine.Accumulate(x, gx);
        });
    }

    /// <summary>Nearest-neighbour resize by integer <paramref name="scale"/> (each pixel repeated scale x scale times).</summary>
    public static Tensor UpsampleNearest(Tensor x, int scale)
    {
        RequireRank(x, 4, "UpsampleNearest input");
        if (scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "Scale must be at least 1.");
        }

        int planes = x.Dims[0] * x.Dims[1], height = x.Dims[2], width = x.Dims[3];
        int outHeight = height * scale, outWidth = width * scale;
        var output = Storage.Uninitialized(planes * outHeight * outWidth);
        Parallel.For(0, planes, p =>
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    output[(((p * outHeight) + oy) * outWidth) + ox] = x.Data[(((p * height) + (oy / scale)) * width) + (ox / scale)];
                }
            }
        });

        return BackwardEngine.Record(new Tensor(output, x.Dims[0], x.Dims[1], outHeight, outWidth), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            Parallel.For(0, planes, p =>
            {
                for (var oy = 0; oy < outHeight; oy++)
                {
                    for (var ox = 0; ox < outWidth; ox++)
                    {
                        gx[(((p * height) + (oy / scale)) * width) + (ox / scale)] += g[(((p * outHeight) + oy) * outWidth) + ox];
                    }
                }
            });
            BackwardEngine.Accumulate(x, gx);
        });
    }

    private static (int Low, int High, float HighWeight)[] BilinearTaps(int inSize, int outSize, float ratio)
    {
        var taps = new (int, int, float)[outSize];
        for (var o = 0; o < outSize; o++)
        {
            var source = Math.Max((ratio * (o + 0.5f)) - 0.5f, 0f);
            var low = Math.Min((int)source, inSize - 1);
            var high = low < inSize - 1 ? low + 1 : low;
            taps[o] = (low, high, source - low);
        }

        return taps;
    }
}
