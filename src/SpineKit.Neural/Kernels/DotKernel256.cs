using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// 256-bit weight-gradient tile. AVX2's 16 registers cannot hold 24 accumulators, so the 4 x 6 tile is computed
/// as two 2 x 6 halves (12 accumulators + 2 gradient vectors + 1 tap vector each), each a pass over the rows.
/// </summary>
internal static unsafe class DotKernel256
{
    /// <summary>Writes the 24 dot products of <paramref name="tile"/> (row-major 4 x 6) to <paramref name="result"/>.</summary>
    public static void Run(DotTile* tile, float* result)
    {
        var vectorWidth = tile->Width & ~7;
        Half(tile, 0, vectorWidth, result);
        Half(tile, 2, vectorWidth, result + (2 * DotTile.Taps));
        for (var y = 0; vectorWidth < tile->Width && y < tile->Rows; y++)
        {
            DotKernelScalar.Accumulate(tile, y, vectorWidth, tile->Width, result);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Half(DotTile* tile, int row0, int vectorWidth, float* result)
    {
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default, s05 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
        for (var y = 0; y < tile->Rows; y++)
        {
            var a0 = (float*)tile->A[row0 + 0] + ((long)y * tile->AStride);
            var a1 = (float*)tile->A[row0 + 1] + ((long)y * tile->AStride);
            var b0 = (float*)tile->B[0] + ((long)y * tile->BStride);
            var b1 = (float*)tile->B[1] + ((long)y * tile->BStride);
            var b2 = (float*)tile->B[2] + ((long)y * tile->BStride);
            var b3 = (float*)tile->B[3] + ((long)y * tile->BStride);
            var b4 = (float*)tile->B[4] + ((long)y * tile->BStride);
            var b5 = (float*)tile->B[5] + ((long)y * tile->BStride);
            for (var x = 0; x < vectorWidth; x += 8)
            {
                var v0 = Vector256.Load(a0 + x);
                var v1 = Vector256.Load(a1 + x);
                var w = Vector256.Load(b0 + x);
                s00 = Vector256.FusedMultiplyAdd(v0, w, s00);
                s10 = Vector256.FusedMultiplyAdd(v1, w, s10);
                w = Vector256.Load(b1 + x);
                s01 = Vector256.FusedMultiplyAdd(v0, w, s01);
                s11 = Vector256.FusedMultiplyAdd(v1, w, s11);
                w = Vector256.Load(b2 + x);
                s02 = Vector256.FusedMultiplyAdd(v0, w, s02);
                s12 = Vector256.FusedMultiplyAdd(v1, w, s12);
                w = Vector256.Load(b3 + x);
                s03 = Vector256.FusedMultiplyAdd(v0, w, s03);
                s13 = Vector256.FusedMultiplyAdd(v1, w, s13);
                w = Vector256.Load(b4 + x);
                s04 = Vector256.FusedMultiplyAdd(v0, w, s04);
                s14 = Vector256.FusedMultiplyAdd(v1, w, s14);
                w = Vector256.Load(b5 + x);
                s05 = Vector256.FusedMultiplyAdd(v0, w, s05);
                s15 = Vector256.FusedMultiplyAdd(v1, w, s15);
            }
        }

        result[0] = Vector256.Sum(s00);
        result[1] = Vector256.Sum(s01);
        result[2] = Vector256.Sum(s02);
        result[3] = Vector256.Sum(s03);
        result[4] = Vector256.Sum(s04);
        result[5] = Vector256.Sum(s05);
        result[6] = Vector256.Sum(s10);
        result[7] = Vector256.Sum(s11);
        result[8] = Vector256.Sum(s12);
        result[9] = Vector256.Sum(s13);
        result[10] = Vector256.Sum(s14);
        result[11] = Vector256.Sum(s15);
    }
}
