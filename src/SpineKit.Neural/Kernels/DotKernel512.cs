using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>AVX-512 weight-gradient tile: 16 lanes of pixels per step, 24 vector accumulators (see <see cref="DotTile"/>).</summary>
internal static unsafe class DotKernel512
{
    /// <summary>Writes the 24 dot products of <paramref name="tile"/> (row-major 4 x 6) to <paramref name="result"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(DotTile* tile, float* result)
    {
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default, s05 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s24 = default, s25 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default, s34 = default, s35 = default;
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
            var b4 = (float*)tile->B[4] + ((long)y * tile->BStride);
            var b5 = (float*)tile->B[5] + ((long)y * tile->BStride);
            for (var x = 0; x < vectorWidth; x += 16)
            {
                var v0 = Vector512.Load(a0 + x);
                var v1 = Vector512.Load(a1 + x);
                var v2 = Vector512.Load(a2 + x);
                var v3 = Vector512.Load(a3 + x);
                var w = Vector512.Load(b0 + x);
                s00 = Vector512.FusedMultiplyAdd(v0, w, s00);
                s10 = Vector512.FusedMultiplyAdd(v1, w, s10);
                s20 = Vector512.FusedMultiplyAdd(v2, w, s20);
                s30 = Vector512.FusedMultiplyAdd(v3, w, s30);
                w = Vector512.Load(b1 + x);
                s01 = Vector512.FusedMultiplyAdd(v0, w, s01);
                s11 = Vector512.FusedMultiplyAdd(v1, w, s11);
                s21 = Vector512.FusedMultiplyAdd(v2, w, s21);
                s31 = Vector512.FusedMultiplyAdd(v3, w, s31);
                w = Vector512.Load(b2 + x);
                s02 = Vector512.FusedMultiplyAdd(v0, w, s02);
                s12 = Vector512.FusedMultiplyAdd(v1, w, s12);
                s22 = Vector512.FusedMultiplyAdd(v2, w, s22);
                s32 = Vector512.FusedMultiplyAdd(v3, w, s32);
                w = Vector512.Load(b3 + x);
                s03 = Vector512.FusedMultiplyAdd(v0, w, s03);
                s13 = Vector512.FusedMultiplyAdd(v1, w, s13);
                s23 = Vector512.FusedMultiplyAdd(v2, w, s23);
                s33 = Vector512.FusedMultiplyAdd(v3, w, s33);
                w = Vector512.Load(b4 + x);
                s04 = Vector512.FusedMultiplyAdd(v0, w, s04);
                s14 = Vector512.FusedMultiplyAdd(v1, w, s14);
                s24 = Vector512.FusedMultiplyAdd(v2, w, s24);
                s34 = Vector512.FusedMultiplyAdd(v3, w, s34);
                w = Vector512.Load(b5 + x);
                s05 = Vector512.FusedMultiplyAdd(v0, w, s05);
                s15 = Vector512.FusedMultiplyAdd(v1, w, s15);
                s25 = Vector512.FusedMultiplyAdd(v2, w, s25);
                s35 = Vector512.FusedMultiplyAdd(v3, w, s35);
            }
        }

        result[0] = Vector512.Sum(s00);
        result[1] = Vector512.Sum(s01);
        result[2] = Vector512.Sum(s02);
        result[3] = Vector512.Sum(s03);
        result[4] = Vector512.Sum(s04);
        result[5] = Vector512.Sum(s05);
        result[6] = Vector512.Sum(s10);
        result[7] = Vector512.Sum(s11);
        result[8] = Vector512.Sum(s12);
        result[9] = Vector512.Sum(s13);
        result[10] = Vector512.Sum(s14);
        result[11] = Vector512.Sum(s15);
        result[12] = Vector512.Sum(s20);
        result[13] = Vector512.Sum(s21);
        result[14] = Vector512.Sum(s22);
        result[15] = Vector512.Sum(s23);
        result[16] = Vector512.Sum(s24);
        result[17] = Vector512.Sum(s25);
        result[18] = Vector512.Sum(s30);
        result[19] = Vector512.Sum(s31);
        result[20] = Vector512.Sum(s32);
        result[21] = Vector512.Sum(s33);
        result[22] = Vector512.Sum(s34);
        result[23] = Vector512.Sum(s35);

        // Pixel tails are added only after the accumulators are dead: any call while they are live makes the
        // JIT spill all of them to the stack on every iteration of the vector loop.
        for (var y = 0; vectorWidth < width && y < tile->Rows; y++)
        {
            DotKernelScalar.Accumulate(tile, y, vectorWidth, width, result);
        }
    }
}
