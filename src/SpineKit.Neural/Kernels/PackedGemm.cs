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
    /// Up to this many row tiles (128 output channels) B is read in place when its source allows it rather than
    /// packed: measured faster on every UNet16 layer up to 128 channels, equal beyond.
    /// </summary>
    private const int DirectTiles = 16;

    /// <summary>Most strips per dynamically scheduled chunk: 512 columns, small enough to balance, large enough that the shared counter is rare.</summary>
    private const int StripsPerChunk = 16;

    /// <summary>
    /// How many threads a GEMM-shaped job of <paramref name="work"/> multiply-adds uses: one below
    /// <see cref="ParallelThreshold"/>, else as many as the options allow, at most <paramref name="items"/> (the units
    /// the job splits into). Results do not depend on it.
    /// </summary>
    internal static int Workers(long work, int items, KernelOptions options) => work < ParallelThreshold ? 1 : Math.Min(options.Threads, items);

    /// <summary>
    /// Strips per work item when <paramref name="strips"/> strips are shared by <paramref name="workers"/> threads: at
    /// least four items per thread where the strips allow, at most <see cref="StripsPerChunk"/> strips (512 pixels) each.
    /// </summary>
    internal static int ChunkStrips(int strips, int workers) => Math.Clamp(strips / (4 * workers), 1, StripsPerChunk);

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
            if (options.ReluOutput)
            {
                for (var i = 0; i < m; i++)
                {
                    ClampRow(c + ((long)i * ldc), n);
                }
            }

            return;
        }

        using var packed = new PackedMatrixA(m, k, a, lda, transposeA, options);
        var tiles = packed.Tiles;
        var strips = (n + GemmTile.Columns - 1) / GemmTile.Columns;
        var workers = Workers((long)m * n * k, Math.Max(strips, tiles), options);
        RunParallel(packed, n, alpha, panels, beta, c, ldc, rowBias, options.ResolvedPath, workers, options.ReluOutput);
    }

    /// <summary>
    /// Runs the whole product on <paramref name="workers"/> threads. Wide products are cut into chunks of
    /// <see cref="StripsPerChunk"/> strips handed out on demand; products with too few strips split their row
    /// tiles evenly instead. Either way each C element is computed by one thread in a fixed order. With
    /// <paramref name="reluOutput"/> each finished tile is clamped at zero by the micro-kernel as it is stored.
    /// </summary>
    public static void RunParallel<TPanels>(
        PackedMatrixA a, int n, float alpha, TPanels panels, float beta, float* c, int ldc, float* rowBias, SimdPath path, int workers, bool reluOutput = false)
        where TPanels : struct, IGemmPanelSource
    {
        var tiles = a.Tiles;
        var strips = (n + GemmTile.Columns - 1) / GemmTile.Columns;
        var cAddress = (nint)c;
        var biasAddress = (nint)rowBias;
        if (workers <= 1)
        {
            RunPacked(a, n, alpha, panels, beta, c, ldc, rowBias, path, 0, tiles, 0, strips, reluOutput);
        }
        else if (strips >= 2 * workers)
        {
            // Chunks of up to StripsPerChunk strips, but at least four per thread where the strips allow: 16..63
            // strips in chunks of 16 left a thread idle or with a quarter of the work.
            var perChunk = ChunkStrips(strips, workers);
            var chunks = (strips + perChunk - 1) / perChunk;
            var queue = new WorkQueue(chunks);
            KernelParallel.Run(workers, t =>
            {
                while (queue.TryTake(out var chunk))
                {
                    var strip0 = chunk * perChunk;
                    RunPacked(a, n, alpha, panels, beta, (float*)cAddress, ldc, (float*)biasAddress, path, 0, tiles, strip0, Math.Min(strips, strip0 + perChunk), reluOutput);
                }
            });
        }
        else
        {
            KernelParallel.Run(workers, t => RunPacked(
                a, n, alpha, panels, beta, (float*)cAddress, ldc, (float*)biasAddress, path,
                KernelParallel.Start(tiles, workers, t), KernelParallel.Start(tiles, workers, t + 1), 0, strips, reluOutput));
        }
    }

    /// <summary>
    /// One thread's share of <c>C = alpha * A * B + rowBias + beta * C</c> with A already packed: tiles
    /// <paramref name="tile0"/> .. <paramref name="tile1"/> by strips <paramref name="strip0"/> .. <paramref name="strip1"/>,
    /// clamped at zero when <paramref name="reluOutput"/> (inference's convolution fused with its ReLU).
    /// </summary>
    public static void RunPacked<TPanels>(
        PackedMatrixA a, int n, float alpha, TPanels panels, float beta, float* c, int ldc, float* rowBias,
        SimdPath path, int tile0, int tile1, int strip0, int strip1, bool reluOutput = false)
        where TPanels : struct, IGemmPanelSource
        => Work(Kernel(path), path == SimdPath.Vector512 ? &GemmKernel512.TileDirect : null, a.M, n, a.K, a.KBlock, a.Tiles, alpha, a.Pointer, panels, beta, c, ldc, rowBias, tile0, tile1, strip0, strip1, reluOutput);

    private static void Work<TPanels>(
        delegate*<int, float*, float*, float*, int, int, int, float, float, float*, bool, void> kernel,
        delegate*<int, float*, float*, int*, float*, int, int, int, float, float, float*, bool, void> directKernel,
        int m, int n, int k, int kBlock, int tiles, float alpha, float* packedA, TPanels panels,
        float beta, float* c, int ldc, float* rowBias, int tile0, int tile1, int strip0, int strip1, bool reluOutput)
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
                var clamp = reluOutput && k0 + kc >= k;
                for (var strip = strip0; strip < strip1; strip++)
                {
                    var n0 = strip * GemmTile.Columns;
                    int* rowOffsets = null;
                    var direct = directKernel != null && blockEnd - block <= DirectTiles ? panels.DirectRows(k0, n0, out rowOffsets) : null;
                    if (direct == null)
                    {
                        panels.Pack(k0, kc, n0, panel);
                    }

                    var cols = Math.Min(GemmTile.Columns, n - n0);
                    for (var tile = block; tile < blockEnd; tile++)
                    {
                        var row0 = tile * GemmTile.Rows;
                        var aPanel = aBlock + ((long)tile * kc * GemmTile.Rows);
                        var target = c + ((long)row0 * ldc) + n0;
                        var rows = Math.Min(GemmTile.Rows, m - row0);
                        var bias = first && rowBias != null ? rowBias + row0 : null;
                        if (direct != null)
                        {
                            directKernel(kc, aPanel, direct, rowOffsets, target, ldc, rows, cols, alpha, first ? beta : 1f, bias, clamp);
                        }
                        else
                        {
                            kernel(kc, aPanel, panel, target, ldc, rows, cols, alpha, first ? beta : 1f, bias, clamp);
                        }
                    }
                }
            }
        }
    }

    /// <summary>ReLU in place on one row of a finished tile.</summary>
    private static void ClampRow(float* row, int count)
    {
        var span = new Span<float>(row, count);
        System.Numerics.Tensors.TensorPrimitives.Max(span, 0f, span);
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

    private static delegate*<int, float*, float*, float*, int, int, int, float, float, float*, bool, void> Kernel(SimdPath path) => path switch
    {
        SimdPath.Vector512 => &GemmKernel512.Tile,
        SimdPath.Vector256 => &GemmKernel256.Tile,
        _ => &GemmKernelScalar.Tile,
    };

    private static float* Align64(float* pointer) => (float*)(((nint)pointer + 63) & ~(nint)63);
}
