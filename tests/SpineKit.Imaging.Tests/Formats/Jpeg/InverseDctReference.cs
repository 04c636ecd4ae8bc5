using SpineKit.Imaging.Formats.Jpeg.Kernels;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// The accurate integer inverse DCT of the IJG library (jidctint, "islow"), written straight from its
/// definition in 64-bit arithmetic: the scalar reference that <see cref="InverseDct"/> must equal bit for bit.
/// The Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants; columns first, then rows.
/// </summary>
internal static class InverseDctReference
{
    public const int ConstBits = 13;

    public const int Fix0298631336 = 2446;
    public const int Fix0390180644 = 3196;
    public const int Fix0541196100 = 4433;
    public const int Fix0765366865 = 6270;
    public const int Fix0899976223 = 7373;
    public const int Fix1175875602 = 9633;
    public const int Fix1501321110 = 12299;
    public const int Fix1847759065 = 15137;
    public const int Fix1961570560 = 16069;
    public const int Fix2053119869 = 16819;
    public const int Fix2562915447 = 20995;
    public const int Fix3072711026 = 25172;

    /// <summary>
    /// Dequantises and transforms one block into level-shifted, clamped samples written row by row.
    /// </summary>
    /// <param name="coefficients">64 quantised coefficients in natural (row-major) order.</param>
    /// <param name="quantization">64 quantiser steps in natural order.</param>
    /// <param name="precision">8 or 12: selects the pass-1 scaling (2 or 1 extra bits) and the sample range.</param>
    /// <param name="output">Receives 8 rows of 8 samples, <paramref name="stride"/> apart.</param>
    /// <param name="stride">Distance between output rows.</param>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quantization, int precision, Span<int> output, int stride)
    {
        var pass1Bits = precision == 8 ? 2 : 1;
        var center = 1 << (precision - 1);
        var max = (1 << precision) - 1;
        Span<long> workspace = stackalloc long[64];
        Span<long> vector = stackalloc long[8];
        Span<long> result = stackalloc long[8];
        for (var column = 0; column < 8; column++)
        {
            for (var row = 0; row < 8; row++)
            {
                vector[row] = (long)coefficients[(row * 8) + column] * quantization[(row * 8) + column];
            }

            Butterfly(vector, result, ConstBits - pass1Bits);
            for (var row = 0; row < 8; row++)
            {
                workspace[(row * 8) + column] = result[row];
            }
        }

        for (var row = 0; row < 8; row++)
        {
            Butterfly(workspace.Slice(row * 8, 8), result, ConstBits + pass1Bits + 3);
            for (var column = 0; column < 8; column++)
            {
                output[(row * stride) + column] = (int)Math.Clamp(result[column] + center, 0, max);
            }
        }
    }

    /// <summary>One 8-point inverse DCT with the final descale by <paramref name="shift"/> bits.</summary>
    private static void Butterfly(ReadOnlySpan<long> x, Span<long> y, int shift)
    {
        // Even part: the rotator is sqrt(2) * c(-6).
        var z2 = x[2];
        var z3 = x[6];
        var z1 = (z2 + z3) * Fix0541196100;
        var tmp2 = z1 + (z3 * -Fix1847759065);
        var tmp3 = z1 + (z2 * Fix0765366865);
        var tmp0 = (x[0] + x[4]) << ConstBits;
        var tmp1 = (x[0] - x[4]) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        // Odd part.
        tmp0 = x[7];
        tmp1 = x[5];
        tmp2 = x[3];
        tmp3 = x[1];
        z1 = tmp0 + tmp3;
        z2 = tmp1 + tmp2;
        z3 = tmp0 + tmp2;
        var z4 = tmp1 + tmp3;
        var z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 *= -Fix1961570560;
        z4 *= -Fix0390180644;
        z3 += z5;
        z4 += z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        var round = 1L << (shift - 1);
        y[0] = (tmp10 + tmp3 + round) >> shift;
        y[7] = (tmp10 - tmp3 + round) >> shift;
        y[1] = (tmp11 + tmp2 + round) >> shift;
        y[6] = (tmp11 - tmp2 + round) >> shift;
        y[2] = (tmp12 + tmp1 + round) >> shift;
        y[5] = (tmp12 - tmp1 + round) >> shift;
        y[3] = (tmp13 + tmp0 + round) >> shift;
        y[4] = (tmp13 - tmp0 + round) >> shift;
    }
}
