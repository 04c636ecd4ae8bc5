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
    private static void Scatter(in Conv2dGeometry g, int channels, ReadOnlySpan<float> columns, Span<float> image)
    {
        int oh = g.OutHeight, ow = g.OutWidth, plane = g.InHeight * g.InWidth, pixels = oh * ow, sx = g.StrideX;
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
                        var source = row.Slice(y * ow, ow);
                        var line = target.Slice((((y * g.StrideY) + ky) * g.InWidth) + kx, ((ow - 1) * sx) + 1);
                        for (var x = 0; x < source.Length; x++)
                        {
                            line[x * sx] = source[x];
                        }
                    }
                }
            }
        }
    }
}
