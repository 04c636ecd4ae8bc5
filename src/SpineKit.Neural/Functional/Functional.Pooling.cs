using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>Max pooling over square windows (implicit -inf padding); ties pick the first maximum, as PyTorch.</summary>
    public static Tensor MaxPool2d(Tensor x, int kernel, int stride = 0, int padding = 0)
    {
        RequireRank(x, 4, "MaxPool2d input");
        stride = stride == 0 ? kernel : stride;
        var (batch, channels, height, width, outHeight, outWidth) = PoolShape(x, kernel, stride, padding);
        var output = Storage.Uninitialized(batch * channels * outHeight * outWidth);
        var argmax = new int[output.Length];
        Parallel.For(0, batch * channels, nc =>
        {
            if (kernel == 2 && stride == 2 && padding == 0)
            {
                MaxPool2x2Plane(x.Data.AsSpan(nc * height * width, height * width), width, output.AsSpan(nc * outHeight * outWidth, outHeight * outWidth), argmax.AsSpan(nc * outHeight * outWidth, outHeight * outWidth), outWidth);
                return;
            }

            var input = x.Data.AsSpan(nc * height * width, height * width);
            var outBase = nc * outHeight * outWidth;
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var best = float.NegativeInfinity;
                    var bestIndex = -1;
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        var iy = (oy * stride) - padding + ky;
                        if (iy < 0 || iy >= height)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < kernel; kx++)
                        {
                            var ix = (ox * stride) - padding + kx;
                            if (ix < 0 || ix >= width)
                            {
                                continue;
                            }

                            var v = input[(iy * width) + ix];
                            if (v > best || bestIndex < 0 || float.IsNaN(v))
                            {
                                best = v;
                                bestIndex = (iy * width) + ix;
                            }
                        }
                    }

                    output[outBase + (oy * outWidth) + ox] = best;
                    argmax[outBase + (oy * outWidth) + ox] = bestIndex;
                }
            }
        });

        return BackwardEngine.Record(new Tensor(output, batch, channels, outHeight, outWidth), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            var outPlane = outHeight * outWidth;
            Parallel.For(0, batch * channels, nc =>
            {
                var inBase = nc * height * width;
                for (var i = nc * outPlane; i < (nc + 1) * outPlane; i++)
                {
                    gx[inBase + argmax[i]] += g[i];
                }
            });
            BackwardEngine.Accumulate(x, gx);
        });
    }

    /// <summary>Average pooling over square windows; zero padding counts towards the divisor (PyTorch default).</summary>
    public static Tensor AvgPool2d(Tensor x, int kernel, int stride = 0, int padding = 0)
    {
        RequireRank(x, 4, "AvgPool2d input");
        stride = stride == 0 ? kernel : stride;
        var (batch, channels, height, width, outHeight, outWidth) = PoolShape(x, kernel, stride, padding);
        var output = new float[batch * channels * outHeight * outWidth];
        float divisor = kernel * kernel;
        void Windows(int nc, Action<int, int> visit)
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        var iy = (oy * stride) - padding + ky;
                        for (var kx = 0; kx < kernel && iy >= 0 && iy < height; kx++)
                        {
                            var ix = (ox * stride) - padding + kx;
                            if (ix >= 0 && ix < width)
                            {
                                visit((((nc * outHeight) + oy) * outWidth) + ox, (((nc * height) + iy) * width) + ix);
                            }
                        }
                    }
                }
            }
        }

        Parallel.For(0, batch * channels, nc => Windows(nc, (o, i) => output[o] += x.Data[i] / divisor));
        return BackwardEngine.Record(new Tensor(output, batch, channels, outHeight, outWidth), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            Parallel.For(0, batch * channels, nc => Windows(nc, (o, i) => gx[i] += g[o] / divisor));
            BackwardEngine.Accumulate(x, gx);
        });
    }

    /// <summary>Mean over each channel plane: <c>[N, C, H, W]</c> to <c>[N, C, 1, 1]</c>.</summary>
    public static Tensor GlobalAveragePool(Tensor x)
    {
        RequireRank(x, 4, "GlobalAveragePool input");
        int planes = x.Dims[0] * x.Dims[1], plane = x.Dims[2] * x.Dims[3];
        var output = new float[planes];
        Parallel.For(0, planes, p => output[p] = (float)(Kernels.ChannelStatistics.Sum(x.Data.AsSpan(p * plane, plane)) / plane));
        return BackwardEngine.Record(new Tensor(output, x.Dims[0], x.Dims[1], 1, 1), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            Parallel.For(0, planes, p => gx.AsSpan(p * plane, plane).Fill(g[p] / plane));
            BackwardEngine.Accumulate(x, gx);
        });
    }

    /// <summary>The common 2x2, stride-2 window: same first-maximum rule, without the general loop's bounds tests.</summary>
    private static void MaxPool2x2Plane(ReadOnlySpan<float> input, int width, Span<float> output, Span<int> argmax, int outWidth)
    {
        var outHeight = output.Length / outWidth;
        for (var oy = 0; oy < outHeight; oy++)
        {
            var top = 2 * oy * width;
            var row0 = input.Slice(top, width);
            var row1 = input.Slice(top + width, width);
            for (var ox = 0; ox < outWidth; ox++)
            {
                var x0 = 2 * ox;
                float best = row0[x0];
                var index = top + x0;
                if (row0[x0 + 1] > best || float.IsNaN(row0[x0 + 1]))
                {
                    best = row0[x0 + 1];
                    index = top + x0 + 1;
                }

                if (row1[x0] > best || float.IsNaN(row1[x0]))
                {
                    best = row1[x0];
                    index = top + width + x0;
                }

                if (row1[x0 + 1] > best || float.IsNaN(row1[x0 + 1]))
                {
                    best = row1[x0 + 1];
                    index = top + width + x0 + 1;
                }

                output[(oy * outWidth) + ox] = best;
                argmax[(oy * outWidth) + ox] = index;
            }
        }
    }

    private static (int Batch, int Channels, int Height, int Width, int OutHeight, int OutWidth) PoolShape(Tensor x, int kernel, int stride, int padding)
    {
        if (kernel < 1 || stride < 1 || padding < 0 || padding * 2 > kernel)
        {
            throw new ArgumentException($"Invalid pooling window: kernel {kernel}, stride {stride}, padding {padding}.");
        }

        int height = x.Dims[2], width = x.Dims[3];
        var outHeight = ((height + (2 * padding) - kernel) / stride) + 1;
        var outWidth = ((width + (2 * padding) - kernel) / stride) + 1;
        if (outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException($"Pooling window {kernel} is larger than the input {Tensor.FormatShape(x.Dims)}.");
        }

        return (x.Dims[0], x.Dims[1], height, width, outHeight, outWidth);
    }
}
