using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SpineKit.Imaging.Kernels;
using static SpineKit.Imaging.Formats.Jpeg.Kernels.InverseDctScalar;

namespace SpineKit.Imaging.Formats.Jpeg.Kernels;

/// <summary>
/// The islow inverse DCT (see <see cref="InverseDctScalar"/>) vectorised with AVX2 (on both vector paths): eight 32-bit lanes carry
/// the eight columns (then, after a transpose, the eight rows) of a block through the same integer butterfly,
/// so the result equals the scalar reference bit for bit. 32 bits suffice because valid 8-bit coefficients
/// dequantise to at most 16 bits, the same bound libjpeg-turbo's own SIMD relies on.
/// </summary>
internal static class InverseDct
{
    /// <summary>Transforms one 8-bit block into 8 rows of 8 samples at <paramref name="output"/>, <paramref name="stride"/> apart.</summary>
    /// <param name="coefficients">64 quantised coefficients in natural order.</param>
    /// <param name="quantization">64 quantiser steps in natural order.</param>
    /// <param name="output">Where the samples go.</param>
    /// <param name="stride">Distance between output rows.</param>
    /// <param name="path">The SIMD path; tests force the scalar one (any other runs AVX2 where the CPU has it).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transform8(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quantization, Span<byte> output, int stride, SimdPath path = SimdPath.Auto)
    {
        if (coefficients.Length < 64 || quantization.Length < 64 || output.Length < (7 * stride) + 8)
        {
            throw new ArgumentException("Block, quantiser or output too small.");
        }

        if (path != SimdPath.Scalar && Avx2.IsSupported)
        {
            TransformAvx2(ref MemoryMarshal.GetReference(coefficients), ref MemoryMarshal.GetReference(quantization), ref MemoryMarshal.GetReference(output), stride);
        }
        else
        {
            TransformScalar8(coefficients, quantization, output, stride);
        }
    }

    /// <summary>Transforms one 12-bit block (scalar; 12-bit JPEG is rare and needs 64-bit intermediates).</summary>
    public static void Transform12(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quantization, Span<ushort> output, int stride)
    {
        Span<int> samples = stackalloc int[64];
        InverseDctScalar.Transform(coefficients, quantization, 12, samples, 8);
        for (var row = 0; row < 8; row++)
        {
            var destination = output.Slice(row * stride, 8);
            for (var column = 0; column < 8; column++)
            {
                destination[column] = (ushort)samples[(row * 8) + column];
            }
        }
    }

    /// <summary>The output of a block whose only non-zero coefficient is DC: one value for all 64 samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DcOnlyValue(int dc, int quantizer, int precision)
    {
        // Pass 1 scales by 2^pass1Bits exactly; pass 2 descales by pass1Bits + 3 with rounding.
        var pass1Bits = precision == 8 ? 2 : 1;
        var shift = pass1Bits + 3;
        var value = (((long)dc * quantizer << pass1Bits) + (1L << (shift - 1))) >> shift;
        return (int)Math.Clamp(value + (1 << (precision - 1)), 0, (1 << precision) - 1);
    }

    private static void TransformScalar8(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quantization, Span<byte> output, int stride)
    {
        Span<int> samples = stackalloc int[64];
        InverseDctScalar.Transform(coefficients, quantization, 8, samples, 8);
        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < 8; column++)
            {
                output[(row * stride) + column] = (byte)samples[(row * 8) + column];
            }
        }
    }

    private static void TransformAvx2(ref short coefficients, ref int quantization, ref byte output, int stride)
    {
        var r0 = Load(ref coefficients, ref quantization, 0);
        var r1 = Load(ref coefficients, ref quantization, 1);
        var r2 = Load(ref coefficients, ref quantization, 2);
        var r3 = Load(ref coefficients, ref quantization, 3);
        var r4 = Load(ref coefficients, ref quantization, 4);
        var r5 = Load(ref coefficients, ref quantization, 5);
        var r6 = Load(ref coefficients, ref quantization, 6);
        var r7 = Load(ref coefficients, ref quantization, 7);

        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ConstBits - 2);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Butterfly(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ConstBits + 2 + 3);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        // Saturating packs clamp to 0..255 once the level shift is added; they interleave 128-bit lanes,
        // which the final dword permutation undoes.
        var center = Vector256.Create(128);
        var p01 = Avx2.PackSignedSaturate(r0 + center, r1 + center);
        var p23 = Avx2.PackSignedSaturate(r2 + center, r3 + center);
        var p45 = Avx2.PackSignedSaturate(r4 + center, r5 + center);
        var p67 = Avx2.PackSignedSaturate(r6 + center, r7 + center);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        var rows0123 = Avx2.PermuteVar8x32(Avx2.PackUnsignedSaturate(p01, p23).AsInt32(), order).AsUInt64();
        var rows4567 = Avx2.PermuteVar8x32(Avx2.PackUnsignedSaturate(p45, p67).AsInt32(), order).AsUInt64();
        Unsafe.WriteUnaligned(ref output, rows0123.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, stride), rows0123.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 2 * stride), rows0123.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 3 * stride), rows0123.GetElement(3));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 4 * stride), rows4567.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 5 * stride), rows4567.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 6 * stride), rows4567.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, 7 * stride), rows4567.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref short coefficients, ref int quantization, int row)
    {
        var raw = Vector128.LoadUnsafe(ref coefficients, (nuint)(row * 8));
        var q = Vector256.LoadUnsafe(ref quantization, (nuint)(row * 8));
        return Avx2.ConvertToVector256Int32(raw) * q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(
        ref Vector256<int> x0, ref Vector256<int> x1, ref Vector256<int> x2, ref Vector256<int> x3,
        ref Vector256<int> x4, ref Vector256<int> x5, ref Vector256<int> x6, ref Vector256<int> x7, [ConstantExpected] int shift)
    {
        var z1 = (x2 + x6) * Fix0541196100;
        var tmp2 = z1 + (x6 * -Fix1847759065);
        var tmp3 = z1 + (x2 * Fix0765366865);
        var tmp0 = (x0 + x4) << ConstBits;
        var tmp1 = (x0 - x4) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        tmp0 = x7;
        tmp1 = x5;
        tmp2 = x3;
        tmp3 = x1;
        z1 = tmp0 + tmp3;
        var z2 = tmp1 + tmp2;
        var z3 = tmp0 + tmp2;
        var z4 = tmp1 + tmp3;
        var z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        var round = Vector256.Create(1 << (shift - 1));
        tmp10 += round;
        tmp11 += round;
        tmp12 += round;
        tmp13 += round;
        x0 = Vector256.ShiftRightArithmetic(tmp10 + tmp3, shift);
        x7 = Vector256.ShiftRightArithmetic(tmp10 - tmp3, shift);
        x1 = Vector256.ShiftRightArithmetic(tmp11 + tmp2, shift);
        x6 = Vector256.ShiftRightArithmetic(tmp11 - tmp2, shift);
        x2 = Vector256.ShiftRightArithmetic(tmp12 + tmp1, shift);
        x5 = Vector256.ShiftRightArithmetic(tmp12 - tmp1, shift);
        x3 = Vector256.ShiftRightArithmetic(tmp13 + tmp0, shift);
        x4 = Vector256.ShiftRightArithmetic(tmp13 - tmp0, shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        var t0 = Avx2.UnpackLow(r0, r1);
        var t1 = Avx2.UnpackHigh(r0, r1);
        var t2 = Avx2.UnpackLow(r2, r3);
        var t3 = Avx2.UnpackHigh(r2, r3);
        var t4 = Avx2.UnpackLow(r4, r5);
        var t5 = Avx2.UnpackHigh(r4, r5);
        var t6 = Avx2.UnpackLow(r6, r7);
        var t7 = Avx2.UnpackHigh(r6, r7);
        var u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        var u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
