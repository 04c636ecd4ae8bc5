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
                if (copy && bands >= 2 * options.Threads)
                {
                    Banded(g, packed, input, group, groupBias, output, bandRows, bands, options);
                }
                else
                {
                    Whole(g, packed, input, group, groupBias, output, copy, options);
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
        var strips = (pixels + GemmTile.Columns - 1) / GemmTile.Columns;
        var rented = ArrayPool<float>.Shared.Rent(Im2Col.ColumnsLength(g));
        try
        {
            fixed (float* columns = rented)
            {
                for (var group = 0; group < g.Groups; group++)
                {
                    // The weights are packed once per group (or were packed at load), not once per image.
                    var packed = packedWeight ?? new PackedMatrixA(coutG, rows, weight + ((long)group * coutG * rows), rows, false, options);
                    try
                    {
                        var groupBias = bias == null ? null : bias + (group * coutG);
                        var workers = PackedGemm.Workers((long)coutG * pixels * rows, Math.Max(strips, packed.Tiles), options);
                        for (var n = 0; n < g.Batch; n++)
                        {
                            var image = input + ((((long)n * g.InChannels) + (group * cinG)) * plane);
                            Im2Col.UnfoldParallel(g, image, columns, cinG, options);
                            var panels = new GemmMatrixPanels(columns, pixels, pixels, false);
                            PackedGemm.RunParallel(
                                packed, pixels, 1f, panels, options.OutputBeta, output + ((((long)n * g.OutChannels) + (group * coutG)) * pixels), pixels,
                                groupBias, options.ResolvedPath, workers, options.ReluOutput);
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

    /// <summary>
    /// Every (image, band) pair of the batch is one work item taken on demand: a thread copies the band's padded input
    /// rows into its own buffer and runs the band's strips against all row tiles.
    /// </summary>
    private static void Banded(Conv2dGeometry g, PackedMatrixA packed, ChannelPlanes input, int group, float* bias, float* output, int bandRows, int bands, KernelOptions options)
    {
        int ow = g.OutWidth, pixels = g.OutHeight * ow, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        var width = g.InWidth + (2 * g.PadX);
        var maxInputRows = ((bandRows - 1) * g.StrideY) + ((g.KernelHeight - 1) * g.DilationY) + 1;
        var path = options.ResolvedPath;
        var target = (nint)output;
        var biasAddress = (nint)bias;
        var bandLayout = new PaddedLayout(maxInputRows, width);
        var offsets = ArrayPool<int>.Shared.Rent(packed.K);
        ConvolutionPanels.TapOffsets(g, bandLayout, offsets.AsSpan(0, packed.K));
        var queue = new WorkQueue(g.Batch * bands);
        KernelParallel.Run(options.Threads, t =>
        {
            var rented = ArrayPool<float>.Shared.Rent(cinG * maxInputRows * width);
            try
            {
                fixed (float* buffer = rented)
                fixed (int* tapOffsets = offsets)
                {
                    while (queue.TryTake(out var item))
                    {
                        int n = item / bands, band = item % bands;
                        var image = input.Image(n, g.InChannels, group * cinG);
                        var imageOutput = (float*)target + ((((long)n * g.OutChannels) + (group * coutG)) * pixels);
                        var y0 = band * bandRows;
                        var count = Math.Min(bandRows, g.OutHeight - y0);
                        var inputRows = ((count - 1) * g.StrideY) + ((g.KernelHeight - 1) * g.DilationY) + 1;
                        PaddedImage.CopyBand(g, image, buffer, cinG, y0 * g.StrideY, inputRows, maxInputRows);
                        var panels = new ConvolutionPanels(buffer, bandLayout, g, count * ow, tapOffsets);
                        var strips = ((count * ow) + GemmTile.Columns - 1) / GemmTile.Columns;
                        PackedGemm.RunPacked(packed, count * ow, 1f, panels, options.OutputBeta, imageOutput + ((long)y0 * ow), pixels, (float*)biasAddress, path, 0, packed.Tiles, 0, strips, options.ReluOutput);
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

    /// <summary>
    /// Small images: the whole batch's padded input is copied in one parallel pass (unless the convolution reads it in
    /// place), then the (image, strip chunk) pairs are handed out on demand, so a batch costs two thread wake-ups, not
    /// two per image. With fewer strips than threads need, each image's row tiles are split between the threads instead.
    /// </summary>
    private static void Whole(Conv2dGeometry g, PackedMatrixA packed, ChannelPlanes input, int group, float* bias, float* output, bool copy, KernelOptions options)
    {
        int pixels = g.OutHeight * g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, batch = g.Batch;
        var layout = copy ? PaddedImage.LayoutOf(g) : new PaddedLayout(g.InHeight, g.InWidth);
        var rented = copy ? ArrayPool<float>.Shared.Rent(batch * cinG * layout.Plane) : null;
        var offsets = ArrayPool<int>.Shared.Rent(packed.K);
        ConvolutionPanels.TapOffsets(g, layout, offsets.AsSpan(0, packed.K));
        try
        {
            fixed (float* padded = rented)
            fixed (int* tapOffsets = offsets)
            {
                long imageStride;
                float* images;
                if (copy)
                {
                    PaddedImage.CopyParallel(g, input, g.Batch, group * cinG, cinG, padded, options);
                    images = padded;
                    imageStride = (long)cinG * layout.Plane;
                }
                else
                {
                    images = input.First + ((long)group * cinG * layout.Plane);
                    imageStride = (long)g.InChannels * layout.Plane;
                }

                var strips = (pixels + GemmTile.Columns - 1) / GemmTile.Columns;
                var work = (long)packed.M * pixels * packed.K * batch;
                var workers = PackedGemm.Workers(work, Math.Max(batch * strips, packed.Tiles), options);
                var path = options.ResolvedPath;
                var (imagesAddress, target, biasAddress, offsetsAddress) = ((nint)images, (nint)output, (nint)bias, (nint)tapOffsets);
                long outputStride = (long)g.OutChannels * pixels, groupOffset = (long)group * coutG * pixels;
                if (workers > 1 && batch * strips >= 2 * workers)
                {
                    var stripsPerChunk = PackedGemm.ChunkStrips(batch * strips, workers);
                    var chunksPerImage = (strips + stripsPerChunk - 1) / stripsPerChunk;
                    var queue = new WorkQueue(batch * chunksPerImage);
                    KernelParallel.Run(workers, _ =>
                    {
                        while (queue.TryTake(out var item))
                        {
                            int n = item / chunksPerImage, strip0 = item % chunksPerImage * stripsPerChunk;
                            var panels = new ConvolutionPanels((float*)imagesAddress + (n * imageStride), layout, g, pixels, (int*)offsetsAddress);
                            var imageOutput = (float*)target + (n * outputStride) + groupOffset;
                            PackedGemm.RunPacked(packed, pixels, 1f, panels, options.OutputBeta, imageOutput, pixels, (float*)biasAddress, path, 0, packed.Tiles, strip0, Math.Min(strips, strip0 + stripsPerChunk), options.ReluOutput);
                        }
                    });
                }
                else
                {
                    for (var n = 0; n < batch; n++)
                    {
                        var panels = new ConvolutionPanels(images + (n * imageStride), layout, g, pixels, tapOffsets);
                        PackedGemm.RunParallel(packed, pixels, 1f, panels, options.OutputBeta, output + (n * outputStride) + groupOffset, pixels, bias, path, workers, options.ReluOutput);
                    }
                }
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
