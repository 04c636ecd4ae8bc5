using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>AVX-512 weight-gradient tile: 16 lanes of pixels per step, 16 vector accumulators (see <see cref="DotTile"/>).</summary>
internal static unsafe class DotKernel512
{
    /// <summary>Writes the 16 dot products of <paramref name="tile"/> (row-major 4 x 4) to <paramref name="result"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(DotTile* tile, float* result)
    {
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        var width = tile->Width;
        var vectorWidth = width & ~15;
        for (var y = 0; y < tile->Rows; y++)
        {
            var a0 = (float*)tile->A[0] + ((long)y * tile->AStride);
            var a1 = (float*)tile->A[1] + ((long)y * tile->AStride);
            var a2 = (float*)tile->A[2] + ((long)y * tile->AStride);
            var a3 = (float*)tile->A[3] + ((long)y * tile->AStride);
            var b0 = (float*)tile->B[0] + ((long)y * tile->BStride);
            var b1 = (float*)tile->B[1] + ((long)y * tile->BStride);
            var b2 = (float*)tile->B[2] + ((long)y * tile->BStride);
            var b3 = (float*)tile->B[3] + ((long)y * tile->BStride);
            for (var x = 0; x < vectorWidth; x += 16)
            {
                var w0 = Vector512.Load(b0 + x);
                var w1 = Vector512.Load(b1 + x);
                var w2 = Vector512.Load(b2 + x);
                var w3 = Vector512.Load(b3 + x);
                var v = Vector512.Load(a0 + x);
                s00 = Vector512.FusedMultiplyAdd(v, w0, s00);
                s01 = Vector512.FusedMultiplyAdd(v, w1, s01);
                s02 = Vector512.FusedMultiplyAdd(v, w2, s02);
                s03 = Vector512.FusedMultiplyAdd(v, w3, s03);
                v = Vector512.Load(a1 + x);
                s10 = Vector512.FusedMultiplyAdd(v, w0, s10);
                s11 = Vector512.FusedMultiplyAdd(v, w1, s11);
                s12 = Vector512.FusedMultiplyAdd(v, w2, s12);
                s13 = Vector512.FusedMultiplyAdd(v, w3, s13);
                v = Vector512.Load(a2 + x);
                s20 = Vector512.FusedMultiplyAdd(v, w0, s20);
                s21 = Vector512.FusedMultiplyAdd(v, w1, s21);
                s22 = Vector512.FusedMultiplyAdd(v, w2, s22);
                s23 = Vector512.FusedMultiplyAdd(v, w3, s23);
                v = Vector512.Load(a3 + x);
                s30 = Vector512.FusedMultiplyAdd(v, w0, s30);
                s31 = Vector512.FusedMultiplyAdd(v, w1, s31);
                s32 = Vector512.FusedMultiplyAdd(v, w2, s32);
                s33 = Vector512.FusedMultiplyAdd(v, w3, s33);
            }
        }


        result[0] = Vector512.Sum(s00);
        result[1] = Vector512.Sum(s01);
        result[2] = Vector512.Sum(s02);
        result[3] = Vector512.Sum(s03);
        result[4] = Vector512.Sum(s10);
        result[5] = Vector512.Sum(s11);
        result[6] = Vector512.Sum(s12);
        result[7] = Vector512.Sum(s13);
        result[8] = Vector512.Sum(s20);
        result[9] = Vector512.Sum(s21);
        result[10] = Vector512.Sum(s22);
        result[11] = Vector512.Sum(s23);
        result[12] = Vector512.Sum(s30);
        result[13] = Vector512.Sum(s31);
        result[14] = Vector512.Sum(s32);
        result[15] = Vector512.Sum(s33);

        // Pixel tails are added only after the accumulators are dead: any call while they are live makes the
        // JIT spill all 16 of them to the stack on every iteration of the vector loop.
        for (var y = 0; vectorWidth < width && y < tile->Rows; y++)
        {
            DotKernelScalar.Accumulate(tile->A, tile->B, y, tile->AStride, tile->BStride, vectorWidth, width, result);
        }
    }
}
