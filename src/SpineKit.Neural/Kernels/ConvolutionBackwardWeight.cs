using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Weight gradient of a convolution: <c>dW[co, tap] = sum over pixels of gradOutput[co, p] * taps[tap, p]</c>.
/// Both operands run contiguously along the pixels, so instead of a transposing GEMM this uses 4 x 4 tiles of
/// vector dot products (<see cref="DotTile"/>). With stride 1 a tap row is just a shifted row of the zero-padded
/// input, read in place; other strides unfold the taps once per image. Pixels are walked in blocks of output
/// rows sized so one block of every operand stays in L2, and each thread owns a fixed set of (channel, tap)
/// tiles, so each gradient element is summed in the same order whatever the thread count.
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
        var bufferLength = strided ? (long)rows * pixels : copy ? (long)cinG * layout.Plane : 0;
        if (bufferLength > int.MaxValue - 16)
        {
            throw new ArgumentException($"Convolution {g} is too large for its weight gradient workspace.");
        }

        var rented = bufferLength > 0 ? ArrayPool<float>.Shared.Rent((int)bufferLength) : null;
        var offsets = new long[rows];
        for (var tap = 0; tap < rows; tap++)
        {
            int ci = tap / taps, ky = tap % taps / g.KernelWidth, kx = tap % g.KernelWidth;
            offsets[tap] = strided ? (long)tap * pixels : ((long)ci * layout.Plane) + ((long)ky * g.DilationY * layout.Width) + (kx * g.DilationX);
        }

        var coTiles = (coutG + DotTile.Size - 1) / DotTile.Size;
        var items = coTiles * ((rows + DotTile.Size - 1) / DotTile.Size);
        var blockRows = Math.Clamp(Math.Clamp(65536 / coutG, 256, 8192) / ow, 1, oh);
        var work = (long)coutG * rows * pixels;
        var workers = work < (1 << 20) ? 1 : Math.Min(options.Threads, items);
        var kernel = Kernel(options.ResolvedPath);
        try
        {
            fixed (float* buffer = rented)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var image = input + ((((long)n * g.InChannels) + (group * cinG)) * plane);
                        if (strided)
                        {
                            UnfoldParallel(g, image, buffer, cinG, options);
                            image = buffer;
                        }
                        else if (copy)
                        {
                            PaddedImage.CopyParallel(g, image, buffer, cinG, options);
                            image = buffer;
                        }

                        var job = new Job
                        {
                            Taps = (nint)image,
                            Gradient = (nint)(gradOutput + ((((long)n * g.OutChannels) + (group * coutG)) * pixels)),
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
        }
    }

    /// <summary>Unfolds the taps of <paramref name="channels"/> planes; each channel's rows are independent, so threads split channels.</summary>
    private static void UnfoldParallel(Conv2dGeometry g, float* image, float* columns, int channels, KernelOptions options)
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
        public nint Result;
        public int TapStride;
        public int OutChannels;
        public int Rows;
        public int CoTiles;
        public int BlockRows;

        public readonly void Run(in Conv2dGeometry g, long[] offsets, delegate*<DotTile*, float*, void> kernel, int item0, int item1)
        {
            int oh = g.OutHeight, ow = g.OutWidth, pixels = oh * ow;
            var taps = (float*)Taps;
            var gradient = (float*)Gradient;
            var result = (float*)Result;
            DotTile tile;
            var sums = stackalloc float[DotTile.Size * DotTile.Size];
            for (var y0 = 0; y0 < oh; y0 += BlockRows)
            {
                tile.Rows = Math.Min(BlockRows, oh - y0);
                tile.Width = ow;
                tile.AStride = ow;
                tile.BStride = TapStride;
                for (var item = item0; item < item1; item++)
                {
                    // Consecutive items share their four tap rows (L1) and sweep the gradient rows (L2).
                    int co0 = item % CoTiles * DotTile.Size, tap0 = item / CoTiles * DotTile.Size;
                    for (var i = 0; i < DotTile.Size; i++)
                    {
                        // Edge tiles repeat the last valid row; the duplicate sums are simply not stored.
                        var co = Math.Min(co0 + i, OutChannels - 1);
                        var tap = Math.Min(tap0 + i, Rows - 1);
                        tile.A[i] = (long)(gradient + ((long)co * pixels) + ((long)y0 * ow));
                        tile.B[i] = (long)(taps + offsets[tap] + ((long)y0 * TapStride));
                    }

                    kernel(&tile, sums);
                    for (var i = 0; i < DotTile.Size && co0 + i < OutChannels; i++)
                    {
                        var target = result + ((long)(co0 + i) * Rows);
                        for (var j = 0; j < DotTile.Size && tap0 + j < Rows; j++)
                        {
                            target[tap0 + j] += sums[(i * DotTile.Size) + j];
                        }
                    }
                }
            }
        }
    }
}
