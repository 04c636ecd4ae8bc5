using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// Vectorised 1-D convolutions with replicated edges: a 512-bit body, 256-bit steps for the rest of a row, then a
/// scalar tail (the forced 256-bit path skips the first, the scalar path both). <c>taps</c> has odd length
/// <c>2r + 1</c>, centred on its middle. The horizontal pass copies each row into an edge-extended buffer so every
/// tap becomes a contiguous, unaligned vector load.
/// </summary>
internal static class SeparableFilter
{
    /// <summary>Filters each row of <paramref name="width"/> pixels of <paramref name="channels"/> interleaved samples.</summary>
    /// <param name="source">Rows of interleaved samples.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="channels">Samples per pixel.</param>
    /// <param name="taps">The filter, odd length.</param>
    /// <param name="destination">Output, as large as the input.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static void Horizontal(ReadOnlySpan<float> source, int width, int rows, int channels, ReadOnlySpan<float> taps, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        var resolved = SimdPaths.Resolve(path);
        var radius = taps.Length / 2;
        var rowLength = width * channels;
        CheckLengths(source, destination, (long)rows * rowLength);
        var extended = new float[(width + (2 * radius)) * channels];
        for (var y = 0; y < rows; y++)
        {
            var input = source.Slice(y * rowLength, rowLength);
            input.CopyTo(extended.AsSpan(radius * channels));
            for (var i = 0; i < radius; i++)
            {
                input[..channels].CopyTo(extended.AsSpan(i * channels));
                input[^channels..].CopyTo(extended.AsSpan((radius + width + i) * channels));
            }

            // Output j reads extended[j + k * channels] for tap k: a sliding dot product over contiguous memory.
            Accumulate(extended, channels, taps, destination.Slice(y * rowLength, rowLength), resolved);
        }
    }

    /// <summary>Filters along columns: <paramref name="rows"/> rows of <paramref name="rowLength"/> samples.</summary>
    /// <param name="source">Rows of samples.</param>
    /// <param name="rowLength">Samples per row.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="taps">The filter, odd length.</param>
    /// <param name="destination">Output, as large as the input.</param>
    /// <param name="path">The SIMD path; tests force each one.</param>
    public static void Vertical(ReadOnlySpan<float> source, int rowLength, int rows, ReadOnlySpan<float> taps, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        var resolved = SimdPaths.Resolve(path);
        var radius = taps.Length / 2;
        CheckLengths(source, destination, (long)rows * rowLength);
        Span<int> offsets = taps.Length <= 256 ? stackalloc int[taps.Length] : new int[taps.Length];
        ref var src = ref MemoryMarshal.GetReference(source);
        for (var y = 0; y < rows; y++)
        {
            for (var k = 0; k < taps.Length; k++)
            {
                offsets[k] = Math.Clamp(y + k - radius, 0, rows - 1) * rowLength;
            }

            var output = destination.Slice(y * rowLength, rowLength);
            ref var dst = ref MemoryMarshal.GetReference(output);
            var j = 0;
            if (resolved == SimdPath.Vector512)
            {
                for (; j <= rowLength - Vector512<float>.Count; j += Vector512<float>.Count)
                {
                    var sum = Vector512<float>.Zero;
                    for (var k = 0; k < taps.Length; k++)
                    {
                        sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref src, (nuint)(offsets[k] + j)), Vector512.Create(taps[k]), sum);
                    }

                    sum.StoreUnsafe(ref dst, (nuint)j);
                }
            }

            if (resolved != SimdPath.Scalar)
            {
                for (; j <= rowLength - Vector256<float>.Count; j += Vector256<float>.Count)
                {
                    var sum = Vector256<float>.Zero;
                    for (var k = 0; k < taps.Length; k++)
                    {
                        sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, (nuint)(offsets[k] + j)), Vector256.Create(taps[k]), sum);
                    }

                    sum.StoreUnsafe(ref dst, (nuint)j);
                }
            }

            for (; j < rowLength; j++)
            {
                var sum = 0f;
                for (var k = 0; k < taps.Length; k++)
                {
                    sum += taps[k] * source[offsets[k] + j];
                }

                output[j] = sum;
            }
        }
    }

    private static void Accumulate(ReadOnlySpan<float> extended, int stride, ReadOnlySpan<float> taps, Span<float> output, SimdPath resolved)
    {
        ref var src = ref MemoryMarshal.GetReference(extended);
        ref var dst = ref MemoryMarshal.GetReference(output);
        var length = output.Length;
        var j = 0;
        if (resolved == SimdPath.Vector512)
        {
            for (; j <= length - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                var sum = Vector512<float>.Zero;
                for (var k = 0; k < taps.Length; k++)
                {
                    sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref src, (nuint)(j + (k * stride))), Vector512.Create(taps[k]), sum);
                }

                sum.StoreUnsafe(ref dst, (nuint)j);
            }
        }

        if (resolved != SimdPath.Scalar)
        {
            for (; j <= length - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (var k = 0; k < taps.Length; k++)
                {
                    sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, (nuint)(j + (k * stride))), Vector256.Create(taps[k]), sum);
                }

                sum.StoreUnsafe(ref dst, (nuint)j);
            }
        }

        for (; j < length; j++)
        {
            var sum = 0f;
            for (var k = 0; k < taps.Length; k++)
            {
                sum += taps[k] * extended[j + (k * stride)];
            }

            output[j] = sum;
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> source, Span<float> destination, long needed)
    {
        if (source.Length < needed || destination.Length < needed)
        {
            throw new ArgumentException("Buffers are smaller than the filter pass needs.");
        }
    }
}
