using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Tests.Kernels;

/// <summary>Scalar definitions of the <see cref="SampleConversion"/> kernels; tests compare against them.</summary>
internal static class SampleConversionReference
{
    /// <summary><c>destination[i] = source[i] * scale</c>.</summary>
    public static void ByteToFloat(ReadOnlySpan<byte> source, Span<float> destination, float scale)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * scale;
        }
    }

    /// <summary><c>destination[i] = source[i] * scale</c>.</summary>
    public static void UInt16ToFloat(ReadOnlySpan<ushort> source, Span<float> destination, float scale)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * scale;
        }
    }

    /// <summary><c>destination[i] = round(clamp(source[i], 0, 1) * 255)</c> (ties to even), NaN to 0.</summary>
    public static void FloatToByte(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var v = source[i];
            destination[i] = v > 0 ? (byte)MathF.Round(MathF.Min(v, 1f) * 255f) : (byte)0;
        }
    }
}
