using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Forward convolution as an implicit GEMM per image and group: <c>output[co, p] = W[co, tap] * taps[tap, p]</c>
/// with the taps packed on the fly from zero-padded input rows (<see cref="ConvolutionPanels"/>), and the bias
/// folded into the GEMM epilogue. Large padded images are processed in bands of output rows: each thread
/// copies the padded input rows of its band into a private buffer whose recent rows are still cached when the
/// strips read them, so the input crosses the memory bus once (the high-resolution layers are bandwidth-bound otherwise). Small
/// images (deep layers) are copied whole and threads split the pixel strips instead.
/// </summary>
internal static unsafe class ConvolutionForward
{
    /// <summary>Computes the forward pass; arguments are assumed validated.</summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, KernelOptions options)
        => Run(g, ChannelPlanes.Contiguous(input, g.InChannels, (long)g.InHeight * g.InWidth), weight, bias, output, options, null);

    /// <summary>
    /// Computes the forward pass reading the input planes from <paramref name="input"/> (a split view only when the
    /// convolution pads its input, which is then copied anyway), with the weights of a single-group convolution
    /// already packed as <paramref name="packedWeight"/> when not null; arguments are assumed validated.
    /// </summary>
    public static void Run(in Conv2dGeometry g, ChannelPlanes input, float* weight, float* bias, float* output, KernelOptions options, PackedMatrixA? packedWeight)
    {
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, rows = cinG * taps;
        var copy = PaddedImage.NeedsCopy(g);
        if (!input.IsContiguous && !copy)
        {
            throw new ArgumentException("Only a convolution that pads its input reads it from two maps.", nameof(input));
        }

        if (packedWeight != null && (g.Groups != 1 || packedWeight.M != coutG || packedWeight.K != rows))
        {
            throw new ArgumentException($"Weights packed as {packedWeight.M} x {packedWeight.K} do not fit {g}.", nameof(packedWeight));
        }

        if (Im2Col.IsPatchwise(g) && taps > 1)
        {
            Patchwise(g, input.First, weight, bias, output, options, packedWeight);
            return;
        }

        var bandRows = BandRows(g, PaddedImage.LayoutOf(g).Width, options, out var bands);
        for (var group = 0; group < g.Groups; group++)
        {
            var packed = packedWeight ?? new PackedMatrixA(coutG, rows, weight + ((long)group * coutG * rows), rows, false, options);
            try
            {
                var groupBias = bias == null ? null : bias + (group * coutG);
                for (var n = 0; n < g.Batch; n++)
                {
                    var image = input.Image(n, g.InChannels, group * cinG);
                    var target = output + ((((long)n * g.OutChannels) + (group * coutG)) * pixels);
                    if (copy && bands >= 2 * options.Threads)
                    {
                        Banded(g, packed, image, groupBias, target, bandRows, bands, options);
                    }
                    else
                    {
                        Whole(g, packed, image, groupBias, target, copy, options);
                    }
                }
            }
            finally
            {
                if (packed != packedWeight)
                {
                    packed.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Convolutions whose windows tile the input (e.g. 2x2 stride 2) read every input value exactly once, so the
    /// column matrix is just the input rearranged (space-to-depth): unfold it once, then run a plain GEMM whose
    /// B rows are contiguous, instead of gathering strided taps inside the packing loop.
    /// </summary>
    private static void Patchwise(Conv2dGeometry g, float* input, float* weight, float* bias, float* output, KernelOptions options, PackedMatrixA? packedWeight)
    {
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        var rented = ArrayPool<float>.Shared.Rent(Im2Col.ColumnsLength(g));
        try
        {
            fixed (float* columns = rented)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var image = input + ((((long)n * g.InChannels) + (group * cinG)) * plane);
                        Im2Col.UnfoldParallel(g, image, columns, cinG, options);
                        var panels = new GemmMatrixPanels(columns, pixels, pixels, false);
                        if (packedWeight != null)
                        {
                            var strips = (pixels + GemmTile.Columns - 1) / GemmTile.Columns;
                            var workers = (long)coutG * pixels * rows < (1 << 20) ? 1 : Math.Min(options.Threads, Math.Max(strips, packedWeight.Tiles));
                            PackedGemm.RunParallel(packedWeight, pixels, 1f, panels, options.OutputBeta, output + ((long)n * g.OutChannels * pixels), pixels, bias, options.ResolvedPath, workers, options.ReluOutput);
                            continue;
                        }

                        PackedGemm.Multiply(
                            coutG, pixels, rows, 1f, weight + ((long)group * coutG * rows), rows, false, panels, options.OutputBeta,
                            output + ((((long)n * g.OutChannels) + (group * coutG)) * pixels), pixels,
                            bias == null ? null : bias + (group * coutG), options);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Output rows per band so the band's padded input fits <see cref="KernelOptions.BandFloats"/>, and the band count (a multiple of the threads).</summary>
    private static int BandRows(in Conv2dGeometry g, int paddedWidth, KernelOptions options, out int bands)
    {
        var threads = options.Threads;
        var span = ((g.KernelHeight - 1) * g.DilationY) + 1;
        var inputRows = Math.Max(span, options.BandFloats / Math.Max(1, g.InChannelsPerGroup * paddedWidth));
        var rows = Math.Max(1, ((inputRows - span) / g.StrideY) + 1);
        var perThread = (g.OutHeight + (threads * rows) - 1) / (threads * rows);
        var even = (g.OutHeight + (threads * perThread) - 1) / (threads * perThread);
        bands = (g.OutHeight + even - 1) / even;
        return even;
    }

    private static void Banded(Conv2dGeometry g, PackedMatrixA packed, ChannelPlanes image, float* bias, float* output, int bandRows, int bands, KernelOptions options)
    {
        int ow = g.OutWidth, pixels = g.OutHeight * ow, cinG = g.InChannelsPerGroup;
        var width = g.InWidth + (2 * g.PadX);
        var maxInputRows = ((bandRows - 1) * g.StrideY) + ((g.KernelHeight - 1) * g.DilationY) + 1;
        var path = options.ResolvedPath;
        var target = (nint)output;
        var biasAddress = (nint)bias;
        var bandLayout = new PaddedLayout(maxInputRows, width);
        var offsets = ArrayPool<int>.Shared.Rent(packed.K);
        ConvolutionPanels.TapOffsets(g, bandLayout, offsets.AsSpan(0, packed.K));
        var queue = new WorkQueue(bands);
        KernelParallel.Run(options.Threads, t =>
        {
            var rented = ArrayPool<float>.Shared.Rent(cinG * maxInputRows * width);
            try
            {
                fixed (float* buffer = rented)
                fixed (int* tapOffsets = offsets)
                {
                    while (queue.TryTake(out var band))
                    {
                        var y0 = band * bandRows;
                        var count = Math.Min(bandRows, g.OutHeight - y0);
                        var inputRows = ((count - 1) * g.StrideY) + ((g.KernelHeight - 1) * g.DilationY) + 1;
                        PaddedImage.CopyBand(g, image, buffer, cinG, y0 * g.StrideY, inputRows, maxInputRows);
                        var panels = new ConvolutionPanels(buffer, bandLayout, g, count * ow, tapOffsets);
                        var strips = ((count * ow) + GemmTile.Columns - 1) / GemmTile.Columns;
                        PackedGemm.RunPacked(packed, count * ow, 1f, panels, options.OutputBeta, (float*)target + ((long)y0 * ow), pixels, (float*)biasAddress, path, 0, packed.Tiles, 0, strips, options.ReluOutput);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        });
        ArrayPool<int>.Shared.Return(offsets);
    }

    private static void Whole(Conv2dGeometry g, PackedMatrixA packed, ChannelPlanes planes, float* bias, float* output, bool copy, KernelOptions options)
    {
        var image = planes.First;
        int pixels = g.OutHeight * g.OutWidth, cinG = g.InChannelsPerGroup;
        var layout = copy ? PaddedImage.LayoutOf(g) : new PaddedLayout(g.InHeight, g.InWidth);
        var rented = copy ? ArrayPool<float>.Shared.Rent(cinG * layout.Plane) : null;
        var offsets = ArrayPool<int>.Shared.Rent(packed.K);
        ConvolutionPanels.TapOffsets(g, layout, offsets.AsSpan(0, packed.K));
        try
        {
            fixed (float* padded = rented)
            fixed (int* tapOffsets = offsets)
            {
                if (copy)
                {
                    PaddedImage.CopyParallel(g, planes, padded, cinG, options);
                    image = padded;
                }

                var panels = new ConvolutionPanels(image, layout, g, pixels, tapOffsets);
                var strips = (pixels + GemmTile.Columns - 1) / GemmTile.Columns;
                var work = (long)packed.M * pixels * packed.K;
                var workers = work < (1 << 20) ? 1 : Math.Min(options.Threads, Math.Max(strips, packed.Tiles));
                var path = options.ResolvedPath;
                var target = (nint)output;
                var biasAddress = (nint)bias;
                PackedGemm.RunParallel(packed, pixels, 1f, panels, options.OutputBeta, (float*)target, pixels, (float*)biasAddress, path, workers, options.ReluOutput);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            if (rented != null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }
}
