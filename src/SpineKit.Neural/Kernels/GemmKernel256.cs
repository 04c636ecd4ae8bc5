using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The 256-bit micro-kernel for CPUs without AVX-512. AVX2 has only 16 ymm registers, so the shared 8 x 32
/// packed tile is computed as four 4 x 16 quarters (8 accumulators + 2 B vectors + 1 broadcast each), each a
/// separate pass over the same L1-resident panels.
/// </summary>
internal static unsafe class GemmKernel256
{
    /// <summary>Multiplies a packed A panel by a packed B panel over <paramref name="kc"/> steps and stores the epilogue (clamped at zero when <paramref name="relu"/>) into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
    {
        var tile = stackalloc float[GemmTile.Rows * GemmTile.Columns];
        for (var r0 = 0; r0 < rows; r0 += 4)
        {
            for (var j0 = 0; j0 < cols; j0 += 16)
            {
                Quarter(kc, a + r0, b + j0, tile + (r0 * GemmTile.Columns) + j0);
            }
        }

        GemmEpilogue.Apply(tile, c, ldc, rows, cols, alpha, beta, rowBias, relu);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Quarter(int kc, float* a, float* b, float* tile)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var av = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            a += GemmTile.Rows;
            b += GemmTile.Columns;
        }

        c00.Store(tile);
        c01.Store(tile + 8);
        c10.Store(tile + GemmTile.Columns);
        c11.Store(tile + GemmTile.Columns + 8);
        c20.Store(tile + (2 * GemmTile.Columns));
        c21.Store(tile + (2 * GemmTile.Columns) + 8);
        c30.Store(tile + (3 * GemmTile.Columns));
        c31.Store(tile + (3 * GemmTile.Columns) + 8);
    }
}
