namespace SpineKit.Neural.Kernels;

/// <summary>
/// Unfolds one image (the channels of one group) into the column matrix of a convolution and folds it back.
/// Column row <c>(ci * KH + ky) * KW + kx</c> holds, for every output pixel, the input value that kernel tap
/// multiplies (zero outside the padded border), so a convolution becomes one GEMM.
/// </summary>
internal static class Im2Col
{
    /// <summary>Fills <paramref name="columns"/> (<c>channels*KH*KW</c> rows of <c>OH*OW</c>) from <paramref name="image"/> (<c>channels</c> planes).</summary>
    public static void Unfold(in Conv2dGeometry g, int channels, ReadOnlySpan<float> image, Span<float> columns)
    {
        if (IsPatchwise(g))
        {
            unsafe
            {
                fixed (float* source = image, target = columns)
                {
                    Gather(g, channels, source, target);
                }
            }

            return;
        }

        int oh = g.OutHeight, ow = g.OutWidth, plane = g.InHeight * g.InWidth, pixels = oh * ow;
        for (var ci = 0; ci < channels; ci++)
        {
            var source = image.Slice(ci * plane, plane);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var row = columns.Slice((((ci * g.KernelHeight) + ky) * g.KernelWidth + kx) * pixels, pixels);
                    for (var y = 0; y < oh; y++)
                    {
                        var target = row.Slice(y * ow, ow);
                        var iy = (y * g.StrideY) - g.PadY + (ky * g.DilationY);
                        if (iy < 0 || iy >= g.InHeight)
                        {
                            target.Clear();
                            continue;
                        }

                        var line = source.Slice(iy * g.InWidth, g.InWidth);
                        var x0 = (kx * g.DilationX) - g.PadX;
                        for (var x = 0; x < ow; x++)
                        {
                            var ix = (x * g.StrideX) + x0;
                            target[x] = (uint)ix < (uint)g.InWidth ? line[ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Floats in the column matrix of one image and group.</summary>
    /// <exception cref="ArgumentException">The matrix would exceed 2^31 floats.</exception>
    public static int ColumnsLength(in Conv2dGeometry g)
    {
        var length = (long)g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth * g.OutHeight * g.OutWidth;
        if (length > int.MaxValue - 64)
        {
            throw new ArgumentException($"Convolution {g} needs a column matrix of {length} floats, more than one buffer can hold.");
        }

        return (int)length;
    }

    /// <summary>
    /// Whether kernel windows tile the input without overlapping or padding (stride = kernel, no dilation), as in
    /// the 2x2 stride-2 transposed convolutions of a U-Net; then folding is a plain scatter with no additions.
    /// </summary>
    public static bool IsPatchwise(in Conv2dGeometry g)
        => g.StrideY == g.KernelHeight && g.StrideX == g.KernelWidth && g.DilationY == 1 && g.DilationX == 1 && g.PadY == 0 && g.PadX == 0;

    /// <summary>Adds every column entry back onto the input pixel it came from; <paramref name="image"/> must be zeroed first.</summary>
    public static void FoldAdd(in Conv2dGeometry g, int channels, ReadOnlySpan<float> columns, Span<float> image)
    {
        if (IsPatchwise(g))
        {
            Scatter(g, channels, columns, image);
            return;
        }

        int oh = g.OutHeight, ow = g.OutWidth, plane = g.InHeight * g.InWidth, pixels = oh * ow;
        for (var ci = 0; ci < channels; ci++)
        {
            var target = image.Slice(ci * plane, plane);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var row = columns.Slice((((ci * g.KernelHeight) + ky) * g.KernelWidth + kx) * pixels, pixels);
                    for (var y = 0; y < oh; y++)
                    {
                        var iy = (y * g.StrideY) - g.PadY + (ky * g.DilationY);
                        if (iy < 0 || iy >= g.InHeight)
                        {
                            continue;
                        }

                        var source = row.Slice(y * ow, ow);
                        var line = target.Slice(iy * g.InWidth, g.InWidth);
                        var x0 = (kx * g.DilationX) - g.PadX;
                        for (var x = 0; x < ow; x++)
                        {
                            var ix = (x * g.StrideX) + x0;
                            if ((uint)ix < (uint)g.InWidth)
                            {
                                line[ix] += source[x];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Folds patchwise columns: every input pixel receives at most one entry, so it is assigned, not added.</summary>
    private static unsafe void Scatter(in Conv2dGeometry g, int channels, ReadOnlySpan<float> columns, Span<float> image)
    {
        fixed (float* source = columns, target = image)
        {
            Patchwise(g, channels, target, source, scatter: true);
        }
    }

    /// <summary>Unfolds patchwise taps: each column row is a strided sub-sampling of one input plane (space-to-depth).</summary>
    private static unsafe void Gather(in Conv2dGeometry g, int channels, float* image, float* columns)
        => Patchwise(g, channels, image, columns, scatter: false);

    /// <summary>
    /// Moves values between an image and its patchwise column matrix in either direction. Bounds are implied by
    /// the geometry (windows tile the image without padding), so the loops run on raw pointers without checks.
    /// </summary>
    private static unsafe void Patchwise(in Conv2dGeometry g, int channels, float* image, float* columns, bool scatter)
    {
        int oh = g.OutHeight, ow = g.OutWidth, w = g.InWidth, plane = g.InHeight * w, pixels = oh * ow, sx = g.StrideX;
        for (var ci = 0; ci < channels; ci++)
        {
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var row = columns + ((((long)((ci * g.KernelHeight) + ky) * g.KernelWidth) + kx) * pixels);
                    for (var y = 0; y < oh; y++)
                    {
                        var column = row + ((long)y * ow);
                        var line = image + ((long)ci * plane) + ((long)((y * g.StrideY) + ky) * w) + kx;
                        if (scatter)
                        {
                            for (var x = 0; x < ow; x++)
                            {
                                line[x * sx] = column[x];
                            }
                        }
                        else
                        {
                            for (var x = 0; x < ow; x++)
                            {
                                column[x] = line[x * sx];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Unfolds the taps of <paramref name="channels"/> planes; each channel's rows are independent, so threads split channels.</summary>
    public static unsafe void UnfoldParallel(Conv2dGeometry g, float* image, float* columns, int channels, KernelOptions options)
    {
        int taps = g.KernelHeight * g.KernelWidth, pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth;
        var workers = (long)channels * taps * pixels < (1 << 16) ? 1 : Math.Min(options.Threads, channels);
        var source = (nint)image;
        var target = (nint)columns;
        KernelParallel.Run(workers, t =>
        {
            int c0 = KernelParallel.Start(channels, workers, t), c1 = KernelParallel.Start(channels, workers, t + 1);
            Im2Col.Unfold(
                g, c1 - c0, new ReadOnlySpan<float>((float*)source + ((long)c0 * plane), (c1 - c0) * plane),
                new Span<float>((float*)target + ((long)c0 * taps * pixels), (c1 - c0) * taps * pixels));
        });
    }
}
