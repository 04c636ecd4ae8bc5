using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Input gradient of a convolution. With stride 1 it is itself a stride-1 convolution of the output gradient
/// with the kernels flipped and the channel roles swapped (padding <c>d(k-1) - p</c>), so it reuses the fast
/// forward path. Other strides (e.g. the 2x2 stride-2 transposed convolutions of a U-Net decoder) go through
/// <c>columns = Wᵀ * gradOutput</c> on the packed GEMM and a col2im scatter that threads split by channel.
/// </summary>
internal static unsafe class ConvolutionBackwardInput
{
    /// <summary>Computes the input gradient; arguments are assumed validated.</summary>
    public static void Run(in Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput, KernelOptions options)
    {
        var flipPadY = (g.DilationY * (g.KernelHeight - 1)) - g.PadY;
        var flipPadX = (g.DilationX * (g.KernelWidth - 1)) - g.PadX;
        if (g.StrideY == 1 && g.StrideX == 1 && flipPadY >= 0 && flipPadX >= 0)
        {
            AsForward(g, flipPadY, flipPadX, gradOutput, weight, gradInput, options);
        }
        else
        {
            ThroughColumns(g, gradOutput, weight, gradInput, options);
        }
    }

    private static void AsForward(in Conv2dGeometry g, int padY, int padX, float* gradOutput, float* weight, float* gradInput, KernelOptions options)
    {
        var flipped = new Conv2dGeometry(
            g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, g.KernelHeight, g.KernelWidth,
            1, 1, padY, padX, g.DilationY, g.DilationX, g.Groups);
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        var rented = ArrayPool<float>.Shared.Rent(g.OutChannels * cinG * taps);
        try
        {
            fixed (float* transformed = rented)
            {
                // W'[group*cinG + ci][co][t] = W[group*coutG + co][ci][taps-1-t]: swap channel roles, rotate the kernel 180 degrees.
                for (var group = 0; group < g.Groups; group++)
                {
                    for (var co = 0; co < coutG; co++)
                    {
                        for (var ci = 0; ci < cinG; ci++)
                        {
                            var source = weight + ((((long)(group * coutG) + co) * cinG) + ci) * taps;
                            var target = transformed + ((((long)(group * cinG) + ci) * coutG) + co) * taps;
                            for (var t = 0; t < taps; t++)
                            {
                                target[t] = source[taps - 1 - t];
                            }
                        }
                    }
                }

                ConvolutionForward.Run(flipped, gradOutput, transformed, null, gradInput, options);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void ThroughColumns(Conv2dGeometry g, float* gradOutput, float* weight, float* gradInput, KernelOptions options)
    {
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        new Span<float>(gradInput, g.InputLength).Clear();
        var rented = ArrayPool<float>.Shared.Rent(Im2Col.ColumnsLength(g));
        try
        {
            fixed (float* columns = rented)
            {
                var columnsAddress = (nint)columns;
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var source = gradOutput + ((((long)n * g.OutChannels) + (group * coutG)) * pixels);
                        var panels = new GemmMatrixPanels(source, pixels, pixels, false);
                        PackedGemm.Multiply(rows, pixels, coutG, 1f, weight + ((long)group * coutG * rows), rows, true, panels, 0f, columns, pixels, null, options);

                        // Column rows of channel ci only ever land in plane ci, so channel ranges never collide.
                        var image = (nint)(gradInput + ((((long)n * g.InChannels) + (group * cinG)) * plane));
                        var workers = (long)rows * pixels < (1 << 16) ? 1 : Math.Min(options.Threads, cinG);
                        KernelParallel.Run(workers, t =>
                        {
                            int c0 = KernelParallel.Start(cinG, workers, t), c1 = KernelParallel.Start(cinG, workers, t + 1);
                            var columnSpan = new ReadOnlySpan<float>((float*)columnsAddress + ((long)c0 * taps * pixels), (c1 - c0) * taps * pixels);
                            var imageSpan = new Span<float>((float*)image + ((long)c0 * plane), (c1 - c0) * plane);
                            Im2Col.FoldAdd(g, c1 - c0, columnSpan, imageSpan);
                        });
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
