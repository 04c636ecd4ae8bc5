namespace SpineKit.Imaging.Formats.Jpeg.Kernels;

/// <summary>
/// 8-bit YCbCr to interleaved RGB exactly as libjpeg's jdcolor.c does it: per-value tables of 16-bit fixed-point
/// products, rounded, then clamped. The scalar fallback of <see cref="YCbCrToRgb"/> (its tail, CPUs without AVX2).
/// </summary>
internal static class YCbCrToRgbScalar
{
    public const int ScaleBits = 16;
    public const int RoundingHalf = 1 << (ScaleBits - 1);

    /// <summary>FIX(1.40200): Cr to red.</summary>
    public const int CrToRed = 91881;

    /// <summary>FIX(1.77200): Cb to blue.</summary>
    public const int CbToBlue = 116130;

    /// <summary>FIX(0.71414): Cr to green (subtracted).</summary>
    public const int CrToGreen = 46802;

    /// <summary>FIX(0.34414): Cb to green (subtracted).</summary>
    public const int CbToGreen = 22554;

    /// <summary>Converts <paramref name="y"/>.Length pixels into <paramref name="rgb"/> (three bytes each).</summary>
    public static void Convert(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        Span<int> red = stackalloc int[256];
        Span<int> blue = stackalloc int[256];
        Span<int> greenFromCr = stackalloc int[256];
        Span<int> greenFromCb = stackalloc int[256];
        for (var i = 0; i < 256; i++)
        {
            var x = i - 128;
            red[i] = ((CrToRed * x) + RoundingHalf) >> ScaleBits;
            blue[i] = ((CbToBlue * x) + RoundingHalf) >> ScaleBits;
            greenFromCr[i] = -CrToGreen * x;
            greenFromCb[i] = (-CbToGreen * x) + RoundingHalf;
        }

        for (var i = 0; i < y.Length; i++)
        {
            int luma = y[i];
            rgb[3 * i] = (byte)Math.Clamp(luma + red[cr[i]], 0, 255);
            rgb[(3 * i) + 1] = (byte)Math.Clamp(luma + ((greenFromCb[cb[i]] + greenFromCr[cr[i]]) >> ScaleBits), 0, 255);
            rgb[(3 * i) + 2] = (byte)Math.Clamp(luma + blue[cb[i]], 0, 255);
        }
    }
}
