namespace SpineKit.Imaging.Kernels;

/// <summary>The scalar fallback of the <see cref="SampleConversion"/> kernels: their tails and the whole span without a vector path.</summary>
internal static class SampleConversionScalar
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

    /// <summary><c>destination[i] = table[source[i]]</c>.</summary>
    public static void ByteLookup(ReadOnlySpan<byte> source, ReadOnlySpan<float> table, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    /// <summary><c>destination[i] = table[source[i]]</c>.</summary>
    public static void UInt16Lookup(ReadOnlySpan<ushort> source, ReadOnlySpan<float> table, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
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
