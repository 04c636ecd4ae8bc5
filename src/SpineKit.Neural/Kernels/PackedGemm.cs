using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The cache-blocked GEMM driver: packs A once into k-interleaved 8-row panels, then for every block of up to
/// 256 rows and every k block walks the 32-column strips of B, packing each strip into an L1-resident panel
/// and running the micro-kernel over all A panels of the row block (which sit in L2). Work is split between
/// threads by whole strips (or whole row panels when there are too few strips), so every element of C is
/// computed by exactly one thread in the same order whatever the thread count.
/// </summary>
internal static unsafe class PackedGemm
{
    /// <summary>Below this many multiply-adds the cost of waking a second thread outweighs the work.</summary>
    private const long ParallelThreshold = 1L << 20;

    /// <summary>
    /// <c>C = alpha * op(A) * B + rowBias + beta * C</c> where B comes from <paramref name="panels"/>;
    /// <paramref name="rowBias"/> (M values, or null) is added once per row.
    /// </summary>
    public static void Multiply<TPanels>(
        int m, int n, int k, float alpha, float* a, int lda, bool transposeA, TPanels panels,
        float beta, float* c, int ldc, float* rowBias, KernelOptions options)
        where TPanels : struct, IGemmPanelSource
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0)
        {
            ScaleOnly(m, n, beta, c, ldc, rowBias);
            return;
        }

        var tiles = (m + GemmTile.Rows - 1) / GemmTile.Rows;
        var strips = (n + GemmTile.Columns - 1) / GemmTile.Columns;
        var kBlock = GemmTile.KBlock(k);
        var workers = (long)m * n * k < ParallelThreshold ? 1 : Math.Min(options.Threads, Math.Max(strips, tiles));
        var kernel = Kernel(options.ResolvedPath);

        var packedLength = (long)tiles * GemmTile.Rows * k;
        if (packedLength > int.MaxValue - 16)
        {
            throw new ArgumentException($"GEMM operand A ({m} x {k}) is too large to pack.");
        }

        var rented = ArrayPool<float>.Shared.Rent((int)packedLength + 16);
        try
        {
            fixed (float* rentedStart = rented)
            {
                var packedA = Align64(rentedStart);
                var aAddress = (nint)a;
                var packedAddress = (nint)packedA;
                KernelParallel.Run(Math.Min(workers, tiles), t =>
                {
                    var count = Math.Min(workers, tiles);
                    PackA((float*)aAddress, lda, transposeA, m, k, kBlock, tiles, KernelParallel.Start(tiles, count, t), KernelParallel.Start(tiles, count, t + 1), (float*)packedAddress);
                });

                var cAddress = (nint)c;
                var biasAddress = (nint)rowBias;
                var splitStrips = strips >= 2 * workers;
                KernelParallel.Run((int)workers, t =>
                {
                    int tile0 = 0, tile1 = tiles, strip0 = 0, strip1 = strips;
                    if (splitStrips)
                    {
                        strip0 = KernelParallel.Start(strips, (int)workers, t);
                        strip1 = KernelParallel.Start(strips, (int)workers, t + 1);
                    }
                    else
                    {
                        tile0 = KernelParallel.Start(tiles, (int)workers, t);
                        tile1 = KernelParallel.Start(tiles, (int)workers, t + 1);
                    }

                    Work(kernel, m, n, k, kBlock, tiles, alpha, (float*)packedAddress, panels, beta, (float*)cAddress, ldc, (float*)biasAddress, tile0, tile1, strip0, strip1);
                });
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void Work<TPanels>(
        delegate*<int, float*, float*, float*, int, int, int, float, float, float*, void> kernel,
        int m, int n, int k, int kBlock, int tiles, float alpha, float* packedA, TPanels panels,
        float beta, float* c, int ldc, float* rowBias, int tile0, int tile1, int strip0, int strip1)
        where TPanels : struct, IGemmPanelSource
    {
        var panelStorage = stackalloc float[(GemmTile.MaxKBlock * GemmTile.Columns) + 16];
        var panel = Align64(panelStorage);
        const int tilesPerBlock = GemmTile.RowBlock / GemmTile.Rows;
        for (var block = tile0; block < tile1; block += tilesPerBlock)
        {
            var blockEnd = Math.Min(tile1, block + tilesPerBlock);
            for (var k0 = 0; k0 < k; k0 += kBlock)
            {
                var kc = Math.Min(kBlock, k - k0);
                var aBlock = packedA + ((long)k0 * tiles * GemmTile.Rows);
                var first = k0 == 0;
                for (var strip = strip0; strip < strip1; strip++)
                {
                    var n0 = strip * GemmTile.Columns;
                    panels.Pack(k0, kc, n0, panel);
                    var cols = Math.Min(GemmTile.Columns, n - n0);
                    for (var tile = block; tile < blockEnd; tile++)
                    {
                        var row0 = tile * GemmTile.Rows;
                        kernel(
                            kc, aBlock + ((long)tile * kc * GemmTile.Rows), panel, c + ((long)row0 * ldc) + n0, ldc,
                            Math.Min(GemmTile.Rows, m - row0), cols, alpha, first ? beta : 1f,
                            first && rowBias != null ? rowBias + row0 : null);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs A as <c>[k block][tile][kc][8]</c> so the micro-kernel reads one contiguous panel per tile and k block;
    /// rows past M are zero so edge tiles need no special case inside the kernel.
    /// </summary>
    private static void PackA(float* a, int lda, bool transposeA, int m, int k, int kBlock, int tiles, int tile0, int tile1, float* packed)
    {
        for (var k0 = 0; k0 < k; k0 += kBlock)
        {
            var kc = Math.Min(kBlock, k - k0);
            for (var tile = tile0; tile < tile1; tile++)
            {
                var target = packed + ((long)k0 * tiles * GemmTile.Rows) + ((long)tile * kc * GemmTile.Rows);
                var row0 = tile * GemmTile.Rows;
                var rows = Math.Min(GemmTile.Rows, m - row0);
                for (var p = 0; p < kc; p++)
                {
                    var column = k0 + p;
                    var destination = target + (p * GemmTile.Rows);
                    for (var r = 0; r < rows; r++)
                    {
                        destination[r] = transposeA ? a[((long)column * lda) + row0 + r] : a[((long)(row0 + r) * lda) + column];
                    }

                    for (var r = rows; r < GemmTile.Rows; r++)
                    {
                        destination[r] = 0;
                    }
                }
            }
        }
    }

    private static void ScaleOnly(int m, int n, float beta, float* c, int ldc, float* rowBias)
    {
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + ((long)i * ldc), n);
            var bias = rowBias == null ? 0f : rowBias[i];
            if (beta == 0)
            {
                row.Fill(bias);
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    row[j] = (beta * row[j]) + bias;
                }
            }
        }
    }

    private static delegate*<int, float*, float*, float*, int, int, int, float, float, float*, void> Kernel(SimdPath path) => path switch
    {
        SimdPath.Vector512 => &GemmKernel512.Tile,
        SimdPath.Vector256 => &GemmKernel256.Tile,
        _ => &GemmKernelScalar.Tile,
    };

    private static float* Align64(float* pointer) => (float*)(((nint)pointer + 63) & ~(nint)63);
}
