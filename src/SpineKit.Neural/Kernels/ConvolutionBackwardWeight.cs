using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Weight gradient of a convolution: <c>dW[co, tap] = sum over pixels of gradOutput[co, p] * taps[tap, p]</c>.
/// Both operands run contiguously along the pixels, so instead of a transposing GEMM this uses 4 x 6 tiles of
/// vector dot products (<see cref="DotTile"/>). With stride 1 a tap row is just a shifted row of the zero-padded
/// input, read in place; other strides unfold the taps once per image. Pixels are walked in blocks of output
/// rows sized so one block of every operand stays in L2, and each thread owns a fixed set of (channel, tap)
/// tiles, so each gradient element is summed in the same order whatever the thread count.
/// Contiguous row blocks also multiply the zero gradient columns beyond the output width by the padded input
/// that follows a row; this adds exact zeros, except that an infinite input value there would turn a tap's
/// gradient into NaN (a training step fed infinities is lost anyway).
/// </summary>
internal static unsafe class ConvolutionBackwardWeight
{
    /// <summary>Computes the weight gradient (not the bias); arguments are assumed validated.</summary>
    public static void Run(in Conv2dGeometry g, float* input, float* gradOutput, float* gradWeight, KernelOptions options)
    {
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int oh = g.OutHeight, ow = g.OutWidth, pixels = oh * ow, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        new Span<float>(gradWeight, g.WeightLength).Clear();

        var strided = g.StrideY != 1 || g.StrideX != 1;
        var copy = !strided && PaddedImage.NeedsCopy(g);
        var layout = copy ? PaddedImage.LayoutOf(g) : new PaddedLayout(g.InHeight, g.InWidth);
        // Contiguous mode treats a block of output rows as one long row: true when tap rows and gradient rows
        // share a row stride. The padded image is wider than the output by d(kw-1), so the gradient is then
        // copied with that width and zeros in the extra columns, and the taps may read up to d(kw-1) floats past
        // the last plane (a zeroed slack).
        var contiguous = strided || copy || ow == layout.Width;
        var widenGradient = copy && ow != layout.Width;
        var slack = copy ? ((g.KernelWidth - 1) * g.DilationX) + 16 : 0;
        var bufferLength = strided ? Im2Col.ColumnsLength(g) : copy ? ((long)cinG * layout.Plane) + slack : 0;
        var gradientLength = widenGradient ? (long)coutG * oh * layout.Width : 0;
        if (bufferLength > int.MaxValue - 16 || gradientLength > int.MaxValue - 16)
        {
            throw new ArgumentException($"Convolution {g} is too large for its weight gradient workspace.");
        }

        var rented = bufferLength > 0 ? ArrayPool<float>.Shared.Rent((int)bufferLength) : null;
        var widened = gradientLength > 0 ? ArrayPool<float>.Shared.Rent((int)gradientLength) : null;
        var gradientStride = widenGradient ? layout.Width : ow;
        var offsets = new long[rows];
        for (var tap = 0; tap < rows; tap++)
        {
            int ci = tap / taps, ky = tap % taps / g.KernelWidth, kx = tap % g.KernelWidth;
            offsets[tap] = strided ? (long)tap * pixels : ((long)ci * layout.Plane) + ((long)ky * g.DilationY * layout.Width) + (kx * g.DilationX);
        }

        var coTiles = (coutG + DotTile.Channels - 1) / DotTile.Channels;
        var items = coTiles * ((rows + DotTile.Taps - 1) / DotTile.Taps);
        // Pixels per block: the gradient rows of all channels (256 KiB) stay in L2 while the tap tiles sweep them;
        // below ~2048 pixels the per-tile reductions dominate (measured on the UNet16 shapes).
        var blockRows = Math.Clamp(Math.Clamp(65536 / coutG, 2048, 8192) / ow, 1, oh);
        var work = (long)coutG * rows * pixels;
        var workers = PackedGemm.Workers(work, items, options);
        var kernel = Kernel(options.ResolvedPath);
        try
        {
            fixed (float* buffer = rented)
            fixed (float* wide = widened)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var image = input + ((((long)n * g.InChannels) + (group * cinG)) * plane);
                        if (strided)
                        {
                            Im2Col.UnfoldParallel(g, image, buffer, cinG, options);
                            image = buffer;
                        }
                        else if (copy)
                        {
                            PaddedImage.CopyParallel(g, image, buffer, cinG, options);
                            new Span<float>(buffer + ((long)cinG * layout.Plane), slack).Clear();
                            image = buffer;
                        }

                        var gradient = gradOutput + ((((long)n * g.OutChannels) + (group * coutG)) * pixels);
                        if (widenGradient)
                        {
                            Widen(gradient, wide, coutG, oh, ow, layout.Width, options);
                            gradient = wide;
                        }

                        var job = new Job
                        {
                            Taps = (nint)image,
                            Gradient = (nint)gradient,
                            GradientStride = gradientStride,
                            Contiguous = contiguous,
                            Result = (nint)(gradWeight + ((long)group * coutG * rows)),
                            TapStride = strided ? ow : layout.Width,
                            OutChannels = coutG,
                            Rows = rows,
                            CoTiles = coTiles,
                            BlockRows = blockRows,
                        };
                        var geometry = g;
                        KernelParallel.Run(workers, t => job.Run(geometry, offsets, kernel, KernelParallel.Start(items, workers, t), KernelParallel.Start(items, workers, t + 1)));
                    }
                }
            }
        }
        finally
        {
            if (rented != null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }

            if (widened != null)
            {
                ArrayPool<float>.Shared.Return(widened);
            }
        }
    }

    /// <summary>Copies gradient planes to rows of <paramref name="width"/> floats, zero past <paramref name="ow"/>, split by channel.</summary>
    private static void Widen(float* gradient, float* wide, int channels, int oh, int ow, int width, KernelOptions options)
    {
        var workers = (long)channels * oh * width < (1 << 16) ? 1 : Math.Min(options.Threads, channels);
        var source = (nint)gradient;
        var target = (nint)wide;
        KernelParallel.Run(workers, t =>
        {
            for (long row = (long)KernelParallel.Start(channels, workers, t) * oh; row < (long)KernelParallel.Start(channels, workers, t + 1) * oh; row++)
            {
                var to = (float*)target + (row * width);
                new ReadOnlySpan<float>((float*)source + (row * ow), ow).CopyTo(new Span<float>(to, ow));
                new Span<float>(to + ow, width - ow).Clear();
            }
        });
    }

    private static delegate*<DotTile*, float*, void> Kernel(SimdPath path) => path switch
    {
        SimdPath.Vector512 => &DotKernel512.Run,
        SimdPath.Vector256 => &DotKernel256.Run,
        _ => &DotKernelScalar.Run,
    };

    /// <summary>One image and group of the weight gradient; its <c>Run</c> does a worker's tiles.</summary>
    private struct Job
    {
        public nint Taps;
        public nint Gradient;
        public int GradientStride;
        public bool Contiguous;
        public nint Result;
        public int TapStride;
        public int OutChannels;
        public int Rows;
        public int CoTiles;
        public int BlockRows;

        public readonly void Run(in Conv2dGeometry g, long[] offsets, delegate*<DotTile*, float*, void> kernel, int item0, int item1)
        {
            int oh = g.OutHeight, ow = g.OutWidth, plane = oh * GradientStride;
            var taps = (float*)Taps;
            var gradient = (float*)Gradient;
            var result = (float*)Result;
            DotTile tile;
            var sums = stackalloc float[DotTile.Channels * DotTile.Taps];
            for (var y0 = 0; y0 < oh; y0 += BlockRows)
            {
                var count = Math.Min(BlockRows, oh - y0);
                tile.Rows = Contiguous ? 1 : count;
                tile.Width = Contiguous ? count * GradientStride : ow;
                tile.AStride = GradientStride;
                tile.BStride = TapStride;
                for (var item = item0; item < item1; item++)
                {
                    // Consecutive items share their four tap rows (L1) and sweep the gradient rows (L2).
                    int co0 = item % CoTiles * DotTile.Channels, tap0 = item / CoTiles * DotTile.Taps;

                    // Edge tiles repeat the last valid row; the duplicate sums are simply not stored.
                    for (var i = 0; i < DotTile.Channels; i++)
                    {
                        var co = Math.Min(co0 + i, OutChannels - 1);
                        tile.A[i] = (long)(gradient + ((long)co * plane) + ((long)y0 * GradientStride));
                    }

                    for (var j = 0; j < DotTile.Taps; j++)
                    {
                        var tap = Math.Min(tap0 + j, Rows - 1);
                        tile.B[j] = (long)(taps + offsets[tap] + ((long)y0 * TapStride));
                    }

                    kernel(&tile, sums);
                    for (var i = 0; i < DotTile.Channels && co0 + i < OutChannels; i++)
                    {
                        var target = result + ((long)(co0 + i) * Rows);
                        for (var j = 0; j < DotTile.Taps && tap0 + j < Rows; j++)
                        {
                            target[tap0 + j] += sums[(i * DotTile.Taps) + j];
                        }
                    }
                }
            }
        }
    }
}
