using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The AVX-512 8 x 32 micro-kernel: C tile += A panel (8 rows, k-interleaved) * B panel (32 columns,
/// k-interleaved). Each k step loads two B vectors, broadcasts eight A values and issues 16 independent FMAs;
/// 16 chains cover the 4-cycle FMA latency at one 512-bit FMA per cycle. Accumulators stay in registers for
/// the whole k block and are combined with C only once at the end.
/// </summary>
internal static unsafe class GemmKernel512
{
    /// <summary>Multiplies a packed A panel by a packed B panel over <paramref name="kc"/> steps and stores the epilogue into C.</summary>
    public static void Tile(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
        => Tile(kc, a, new PackedRows(b), c, ldc, rows, cols, alpha, beta, rowBias, relu);

    /// <summary>
    /// Same as <see cref="Tile(int, float*, float*, float*, int, int, int, float, float, float*, bool)"/> but reads each B row
    /// in place at <c>b + rowOffsets[p]</c>: for a convolution with few output channels the packed panel would be
    /// used by only one or two tiles, so copying it costs about as much as the multiply it feeds.
    /// </summary>
    public static void TileDirect(int kc, float* a, float* b, int* rowOffsets, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
        => Tile(kc, a, new DirectRows(b, rowOffsets), c, ldc, rows, cols, alpha, beta, rowBias, relu);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(int kc, float* a, TRows b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
        where TRows : struct, IRows
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < kc; p++)
        {
            var row = b.Row(p);
            var b0 = Vector512.Load(row);
            var b1 = Vector512.Load(row + 16);
            var av = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(av, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(av, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            a += GemmTile.Rows;
        }

        if (cols == GemmTile.Columns)
        {
            // Full-width tiles store with vectors; a tile of fewer rows (the last of an M that is not a multiple of 8) stops early.
            var alphaV = Vector512.Create(alpha);
            Store(c, c00, c01, alphaV, beta, rowBias, 0, relu);
            if (rows > 1)
            {
                Store(c + ldc, c10, c11, alphaV, beta, rowBias, 1, relu);
            }

            if (rows > 2)
            {
                Store(c + (2L * ldc), c20, c21, alphaV, beta, rowBias, 2, relu);
            }

            if (rows > 3)
            {
                Store(c + (3L * ldc), c30, c31, alphaV, beta, rowBias, 3, relu);
            }

            if (rows > 4)
            {
                Store(c + (4L * ldc), c40, c41, alphaV, beta, rowBias, 4, relu);
            }

            if (rows > 5)
            {
                Store(c + (5L * ldc), c50, c51, alphaV, beta, rowBias, 5, relu);
            }

            if (rows > 6)
            {
                Store(c + (6L * ldc), c60, c61, alphaV, beta, rowBias, 6, relu);
            }

            if (rows > 7)
            {
                Store(c + (7L * ldc), c70, c71, alphaV, beta, rowBias, 7, relu);
            }

            return;
        }

        // Edge tile: spill the accumulators and let the scalar epilogue write only the valid corner.
        var tile = stackalloc float[GemmTile.Rows * GemmTile.Columns];
        c00.Store(tile);
        c01.Store(tile + 16);
        c10.Store(tile + 32);
        c11.Store(tile + 48);
        c20.Store(tile + 64);
        c21.Store(tile + 80);
        c30.Store(tile + 96);
        c31.Store(tile + 112);
        c40.Store(tile + 128);
        c41.Store(tile + 144);
        c50.Store(tile + 160);
        c51.Store(tile + 176);
        c60.Store(tile + 192);
        c61.Store(tile + 208);
        c70.Store(tile + 224);
        c71.Store(tile + 240);
        GemmEpilogue.Apply(tile, c, ldc, rows, cols, alpha, beta, rowBias, relu);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector512<float> lo, Vector512<float> hi, Vector512<float> alpha, float beta, float* rowBias, int r, bool relu)
    {
        var bias = Vector512.Create(rowBias == null ? 0f : rowBias[r]);
        lo = Vector512.FusedMultiplyAdd(lo, alpha, bias);
        hi = Vector512.FusedMultiplyAdd(hi, alpha, bias);
        if (beta != 0)
        {
            var betaV = Vector512.Create(beta);
            lo = Vector512.FusedMultiplyAdd(Vector512.Load(row), betaV, lo);
            hi = Vector512.FusedMultiplyAdd(Vector512.Load(row + 16), betaV, hi);
        }

        if (relu)
        {
            lo = Vector512.Max(lo, Vector512<float>.Zero);
            hi = Vector512.Max(hi, Vector512<float>.Zero);
        }

        lo.Store(row);
        hi.Store(row + 16);
    }

    /// <summary>Where row p of the B strip lives; a struct so each variant is compiled into its own loop.</summary>
    private interface IRows
    {
        float* Row(int p);
    }

    private readonly struct PackedRows(float* panel) : IRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* Row(int p) => panel + (p * GemmTile.Columns);
    }

    private readonly struct DirectRows(float* origin, int* offsets) : IRows
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float* Row(int p) => origin + offsets[p];
    }
}
