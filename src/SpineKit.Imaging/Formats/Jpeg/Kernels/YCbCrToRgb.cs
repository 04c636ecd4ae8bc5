using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SpineKit.Imaging.Kernels;
using static SpineKit.Imaging.Formats.Jpeg.Kernels.YCbCrToRgbScalar;

namespace SpineKit.Imaging.Formats.Jpeg.Kernels;

/// <summary>
/// 8-bit YCbCr to interleaved RGB, 16 pixels per step: the fixed-point products of libjpeg's tables computed in
/// 32-bit lanes (so the result equals <see cref="YCbCrToRgbScalar"/> bit for bit), then narrowed and
/// interleaved into RGB triplets with byte shuffles. The tail, the scalar path and CPUs without AVX2 use the scalar code.
/// </summary>
internal static class YCbCrToRgb
{
    /// <summary>Converts <paramref name="y"/>.Length pixels into <paramref name="rgb"/> (three bytes each).</summary>
    /// <param name="y">Luma.</param>
    /// <param name="cb">Blue-difference chroma, at least as long.</param>
    /// <param name="cr">Red-difference chroma, at least as long.</param>
    /// <param name="rgb">Interleaved output, three bytes per pixel.</param>
    /// <param name="path">The SIMD path; tests force the scalar one (any other runs AVX2 where the CPU has it).</param>
    public static void Convert(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb, SimdPath path = SimdPath.Auto)
    {
        var count = y.Length;
        if (cb.Length < count || cr.Length < count || rgb.Length < 3 * count)
        {
            throw new ArgumentException("Planes or output too small.");
        }

        var done = 0;
        if (path != SimdPath.Scalar && Avx2.IsSupported && Ssse3.IsSupported)
        {
            ref var luma = ref MemoryMarshal.GetReference(y);
            ref var blue = ref MemoryMarshal.GetReference(cb);
            ref var red = ref MemoryMarshal.GetReference(cr);
            ref var output = ref MemoryMarshal.GetReference(rgb);
            for (; done + 16 <= count; done += 16)
            {
                Convert16(ref Unsafe.Add(ref luma, done), ref Unsafe.Add(ref blue, done), ref Unsafe.Add(ref red, done), ref Unsafe.Add(ref output, 3 * done));
            }
        }

        YCbCrToRgbScalar.Convert(y[done..], cb[done..count], cr[done..count], rgb[(3 * done)..]);
    }

    private static void Convert16(ref byte y, ref byte cb, ref byte cr, ref byte rgb)
    {
        var yv = Vector128.LoadUnsafe(ref y);
        var cbv = Vector128.LoadUnsafe(ref cb);
        var crv = Vector128.LoadUnsafe(ref cr);
        var (r0, g0, b0) = Pixels8(yv, cbv, crv);
        var (r1, g1, b1) = Pixels8(Sse2.ShiftRightLogical128BitLane(yv, 8), Sse2.ShiftRightLogical128BitLane(cbv, 8), Sse2.ShiftRightLogical128BitLane(crv, 8));
        var r = ToBytes(r0, r1);
        var g = ToBytes(g0, g1);
        var b = ToBytes(b0, b1);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var masks = Masks.Slice(48 * chunk, 48);
            var interleaved = Ssse3.Shuffle(r, Vector128.Create(masks[..16]))
                | Ssse3.Shuffle(g, Vector128.Create(masks.Slice(16, 16)))
                | Ssse3.Shuffle(b, Vector128.Create(masks.Slice(32, 16)));
            interleaved.StoreUnsafe(ref rgb, (nuint)(16 * chunk));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> R, Vector256<int> G, Vector256<int> B) Pixels8(Vector128<byte> y, Vector128<byte> cb, Vector128<byte> cr)
    {
        var center = Vector256.Create(128);
        var half = Vector256.Create(RoundingHalf);
        var luma = Avx2.ConvertToVector256Int32(y);
        var blue = Avx2.ConvertToVector256Int32(cb) - center;
        var red = Avx2.ConvertToVector256Int32(cr) - center;
        var r = luma + Vector256.ShiftRightArithmetic((red * CrToRed) + half, ScaleBits);
        var g = luma + Vector256.ShiftRightArithmetic((blue * -CbToGreen) + half + (red * -CrToGreen), ScaleBits);
        var b = luma + Vector256.ShiftRightArithmetic((blue * CbToBlue) + half, ScaleBits);
        return (r, g, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ToBytes(Vector256<int> low, Vector256<int> high)
    {
        var zero = Vector256<int>.Zero;
        var max = Vector256.Create(255);
        var words = Vector256.Narrow(Vector256.Min(Vector256.Max(low, zero), max).AsUInt32(), Vector256.Min(Vector256.Max(high, zero), max).AsUInt32());
        return Vector128.Narrow(words.GetLower(), words.GetUpper());
    }

    /// <summary>
    /// Nine byte shuffles, [chunk * 3 + channel]: output byte j of the 48 is channel j % 3 of pixel j / 3, so
    /// chunk c takes pixel (16c + i) / 3 of channel (16c + i) % 3 into byte i; 0x80 selects zero.
    /// </summary>
    private static ReadOnlySpan<byte> Masks =>
    [
        0x00, 0x80, 0x80, 0x01, 0x80, 0x80, 0x02, 0x80, 0x80, 0x03, 0x80, 0x80, 0x04, 0x80, 0x80, 0x05,
        0x80, 0x00, 0x80, 0x80, 0x01, 0x80, 0x80, 0x02, 0x80, 0x80, 0x03, 0x80, 0x80, 0x04, 0x80, 0x80,
        0x80, 0x80, 0x00, 0x80, 0x80, 0x01, 0x80, 0x80, 0x02, 0x80, 0x80, 0x03, 0x80, 0x80, 0x04, 0x80,
        0x80, 0x80, 0x06, 0x80, 0x80, 0x07, 0x80, 0x80, 0x08, 0x80, 0x80, 0x09, 0x80, 0x80, 0x0A, 0x80,
        0x05, 0x80, 0x80, 0x06, 0x80, 0x80, 0x07, 0x80, 0x80, 0x08, 0x80, 0x80, 0x09, 0x80, 0x80, 0x0A,
        0x80, 0x05, 0x80, 0x80, 0x06, 0x80, 0x80, 0x07, 0x80, 0x80, 0x08, 0x80, 0x80, 0x09, 0x80, 0x80,
        0x80, 0x0B, 0x80, 0x80, 0x0C, 0x80, 0x80, 0x0D, 0x80, 0x80, 0x0E, 0x80, 0x80, 0x0F, 0x80, 0x80,
        0x80, 0x80, 0x0B, 0x80, 0x80, 0x0C, 0x80, 0x80, 0x0D, 0x80, 0x80, 0x0E, 0x80, 0x80, 0x0F, 0x80,
        0x0A, 0x80, 0x80, 0x0B, 0x80, 0x80, 0x0C, 0x80, 0x80, 0x0D, 0x80, 0x80, 0x0E, 0x80, 0x80, 0x0F
,
    ];
}
