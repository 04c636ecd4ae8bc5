using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// Vectorised integer/float sample conversions (a 512-bit body; <see cref="SampleConversionScalar"/> for the tail
/// and on the other paths).
/// Widening byte -> ushort -> uint -> float is exact, so the SIMD and scalar paths agree bit for bit.
/// </summary>
internal static class SampleConversion
{
    /// <summary><c>destination[i] = source[i] * scale</c>.</summary>
    /// <param name="source">Samples.</param>
    /// <param name="destination">Output, at least as long.</param>
    /// <param name="scale">Factor.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static void ByteToFloat(ReadOnlySpan<byte> source, Span<float> destination, float scale, SimdPath path = SimdPath.Auto)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        var i = 0;
        if (SimdPaths.Resolve(path) == SimdPath.Vector512)
        {
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var d = ref MemoryMarshal.GetReference(destination);
            var factor = Vector512.Create(scale);
            for (; i <= source.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var bytes = Vector512.LoadUnsafe(ref s, (nuint)i);
                var (low, high) = Vector512.Widen(bytes);
                var (a, b) = Vector512.Widen(low);
                var (c, e) = Vector512.Widen(high);
                (Vector512.ConvertToSingle(a.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)i);
                (Vector512.ConvertToSingle(b.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)(i + 16));
                (Vector512.ConvertToSingle(c.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)(i + 32));
                (Vector512.ConvertToSingle(e.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)(i + 48));
            }
        }

        SampleConversionScalar.ByteToFloat(source[i..], destination[i..], scale);
    }

    /// <summary><c>destination[i] = source[i] * scale</c>.</summary>
    /// <param name="source">Samples.</param>
    /// <param name="destination">Output, at least as long.</param>
    /// <param name="scale">Factor.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static void UInt16ToFloat(ReadOnlySpan<ushort> source, Span<float> destination, float scale, SimdPath path = SimdPath.Auto)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        var i = 0;
        if (SimdPaths.Resolve(path) == SimdPath.Vector512)
        {
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var d = ref MemoryMarshal.GetReference(destination);
            var factor = Vector512.Create(scale);
            for (; i <= source.Length - Vector512<ushort>.Count; i += Vector512<ushort>.Count)
            {
                var (a, b) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                (Vector512.ConvertToSingle(a.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)i);
                (Vector512.ConvertToSingle(b.AsInt32()) * factor).StoreUnsafe(ref d, (nuint)(i + 16));
            }
        }

        SampleConversionScalar.UInt16ToFloat(source[i..], destination[i..], scale);
    }

    /// <summary>
    /// <c>destination[i] = table[source[i]]</c>: eight samples at a time through AVX2 gathers (on the 256- and 512-bit
    /// paths), a plain copy of table values, so every path gives the same bits.
    /// </summary>
    /// <param name="source">Samples.</param>
    /// <param name="table">A value for each of the 256 sample values.</param>
    /// <param name="destination">Output, at least as long as the source.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static unsafe void ByteLookup(ReadOnlySpan<byte> source, ReadOnlySpan<float> table, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        CheckLookup(source.Length, table.Length, 256, destination.Length);
        var i = 0;
        if (SimdPaths.Resolve(path) != SimdPath.Scalar && Avx2.IsSupported)
        {
            fixed (byte* s = source)
            fixed (float* t = table)
            fixed (float* d = destination)
            {
                for (; i <= source.Length - 8; i += 8)
                {
                    Avx.Store(d + i, Avx2.GatherVector256(t, Avx2.ConvertToVector256Int32(s + i), 4));
                }
            }
        }

        SampleConversionScalar.ByteLookup(source[i..], table, destination[i..]);
    }

    /// <summary><c>destination[i] = table[source[i]]</c>, as <see cref="ByteLookup"/> for 16-bit samples (a table of 65536).</summary>
    /// <param name="source">Samples.</param>
    /// <param name="table">A value for each of the 65536 sample values.</param>
    /// <param name="destination">Output, at least as long as the source.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static unsafe void UInt16Lookup(ReadOnlySpan<ushort> source, ReadOnlySpan<float> table, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        CheckLookup(source.Length, table.Length, 65536, destination.Length);
        var i = 0;
        if (SimdPaths.Resolve(path) != SimdPath.Scalar && Avx2.IsSupported)
        {
            fixed (ushort* s = source)
            fixed (float* t = table)
            fixed (float* d = destination)
            {
                for (; i <= source.Length - 8; i += 8)
                {
                    Avx.Store(d + i, Avx2.GatherVector256(t, Avx2.ConvertToVector256Int32(s + i), 4));
                }
            }
        }

        SampleConversionScalar.UInt16Lookup(source[i..], table, destination[i..]);
    }

    // The gathers read table[sample] unchecked, so the table must cover every sample value.
    private static void CheckLookup(int sourceLength, int tableLength, int values, int destinationLength)
    {
        if (tableLength < values)
        {
            throw new ArgumentException($"The table has {tableLength} entries; every one of the {values} sample values needs one.");
        }

        if (destinationLength < sourceLength)
        {
            throw new ArgumentException("Destination is shorter than the source.");
        }
    }

    /// <summary><c>destination[i] = round(clamp(source[i], 0, 1) * 255)</c>, NaN to 0.</summary>
    /// <param name="source">Samples.</param>
    /// <param name="destination">Output, at least as long.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static void FloatToByte(ReadOnlySpan<float> source, Span<byte> destination, SimdPath path = SimdPath.Auto)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        var i = 0;
        if (SimdPaths.Resolve(path) == SimdPath.Vector512)
        {
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var d = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var a = Quantise(Vector512.LoadUnsafe(ref s, (nuint)i));
                var b = Quantise(Vector512.LoadUnsafe(ref s, (nuint)(i + 16)));
                var c = Quantise(Vector512.LoadUnsafe(ref s, (nuint)(i + 32)));
                var e = Quantise(Vector512.LoadUnsafe(ref s, (nuint)(i + 48)));
                Vector512.Narrow(Vector512.Narrow(a, b), Vector512.Narrow(c, e)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        SampleConversionScalar.FloatToByte(source[i..], destination[i..]);
    }

    private static Vector512<uint> Quantise(Vector512<float> v)
    {
        // MaxNumber drops NaN in favour of zero, as the reference's "v > 0" test does.
        var clamped = Vector512.Min(Vector512.MaxNumber(v, Vector512<float>.Zero), Vector512.Create(1f));
        return Vector512.ConvertToInt32(Vector512.Round(clamped * 255f)).AsUInt32();
    }
}
