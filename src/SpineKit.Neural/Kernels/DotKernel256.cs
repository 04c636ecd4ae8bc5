using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// 256-bit weight-gradient tile. AVX2's 16 registers cannot hold 16 accumulators plus operands, so the 4 x 4
/// tile is computed as two 2 x 4 halves (8 accumulators each), each a pass over the same rows.
/// </summary>
internal static unsafe class DotKernel256
{
    /// <summary>Writes the 16 dot products of <paramref name="tile"/> (row-major 4 x 4) to <paramref name="result"/>.</summary>
    public static void Run(DotTile* tile, float* result)
    {
        var vectorWidth = tile->Width & ~7;
        Half(tile, 0, vectorWidth, result);
        Half(tile, 2, vectorWidth, result + (2 * DotTile.Size));
        for (var y = 0; vectorWidth < tile->Width && y < tile->Rows; y++)
        {
            DotKernelScalar.Accumulate(tile->A, tile->B, y, tile->AStride, tile->BStride, vectorWidth, tile->Width, result);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Half(DotTile* tile, int row0, int vectorWidth, float* result)
    {
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        for (var y = 0; y < tile->Rows; y++)
        {
            var a0 = (float*)tile->A[row0] + ((long)y * tile->AStride);
            var a1 = (float*)tile->A[row0 + 1] + ((long)y * tile->AStride);
            var b0 = (float*)tile->B[0] + ((long)y * tile->BStride);
            var b1 = (float*)tile->B[1] + ((long)y * tile->BStride);
            var b2 = (float*)tile->B[2] + ((long)y * tile->BStride);
            var b3 = (float*)tile->B[3] + ((long)y * tile->BStride);
            for (var x = 0; x < vectorWidth; x += 8)
            {
                var w0 = Vector256.Load(b0 + x);
                var w1 = Vector256.Load(b1 + x);
                var w2 = Vector256.Load(b2 + x);
                var w3 = Vector256.Load(b3 + x);
                var v = Vector256.Load(a0 + x);
                s00 = Vector256.FusedMultiplyAdd(v, w0, s00);
                s01 = Vector256.FusedMultiplyAdd(v, w1, s01);
                s02 = Vector256.FusedMultiplyAdd(v, w2, s02);
                s03 = Vector256.FusedMultiplyAdd(v, w3, s03);
                v = Vector256.Load(a1 + x);
                s10 = Vector256.FusedMultiplyAdd(v, w0, s10);
                s11 = Vector256.FusedMultiplyAdd(v, w1, s11);
                s12 = Vector256.FusedMultiplyAdd(v, w2, s12);
                s13 = Vector256.FusedMultiplyAdd(v, w3, s13);
            }
        }

        result[0] = Vector256.Sum(s00);
        result[1] = Vector256.Sum(s01);
        result[2] = Vector256.Sum(s02);
        result[3] = Vector256.Sum(s03);
        result[4] = Vector256.Sum(s10);
        result[5] = Vector256.Sum(s11);
        result[6] = Vector256.Sum(s12);
        result[7] = Vector256.Sum(s13);
    }
}
