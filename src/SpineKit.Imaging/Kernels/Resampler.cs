using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// The separable resampling passes behind <see cref="Transforms.Resize"/>, vectorised, with
/// <see cref="ResamplerScalar"/> as the fallback; results differ from it only by fused multiply-add rounding (a few ulp).
/// </summary>
internal static class Resampler
{
    /// <inheritdoc cref="ResamplerScalar.Horizontal"/>
    public static unsafe void Horizontal(ReadOnlySpan<float> source, int rows, int channels, ResampleWeights weights, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        // Grey images are the common case. Sixteen outputs at a time: when their windows fit in 32 consecutive
        // source samples (upscaling, or shrinking by up to about 2x), each tap is one two-register permute of
        // those samples, which beats hardware gathers on every current x64 core. Other blocks run the scalar loop.
        if (channels != 1 || SimdPaths.Resolve(path) != SimdPath.Vector512 || !Avx512F.IsSupported || weights.DestinationSize < Vector512<float>.Count)
        {
            ResamplerScalar.Horizontal(source, rows, channels, weights, destination);
            return;
        }

        var sourceRow = weights.SourceSize;
        var width = weights.DestinationSize;
        var taps = weights.TapCount;
        if ((long)rows * sourceRow > source.Length || (long)rows * width > destination.Length)
        {
            throw new ArgumentException("Buffers are smaller than the pass needs.");
        }

        fixed (float* src = source)
        fixed (float* dst = destination)
        fixed (int* start = weights.Start)
        fixed (float* byTap = weights.WeightsByTap)
        {
            for (var y = 0; y < rows; y++)
            {
                var input = src + ((long)y * sourceRow);
                var output = dst + ((long)y * width);
                var x = 0;
                for (; x <= width - Vector512<float>.Count; x += Vector512<float>.Count)
                {
                    var first = start[x];
                    if (start[x + 15] + taps - first > 2 * Vector512<float>.Count || first + (2 * Vector512<float>.Count) > sourceRow)
                    {
                        Scalar(input, output, start, byTap, width, taps, x, x + Vector512<float>.Count);
                        continue;
                    }

                    var lower = Avx512F.LoadVector512(input + first);
                    var upper = Avx512F.LoadVector512(input + first + Vector512<float>.Count);
                    var index = Avx512F.Subtract(Avx512F.LoadVector512(start + x), Vector512.Create(first));
                    var sum = Avx512F.Multiply(Avx512F.PermuteVar16x32x2(lower, index, upper), Avx512F.LoadVector512(byTap + x));
                    for (var k = 1; k < taps; k++)
                    {
                        index = Avx512F.Add(index, Vector512<int>.One);
                        sum = Avx512F.FusedMultiplyAdd(Avx512F.PermuteVar16x32x2(lower, index, upper), Avx512F.LoadVector512(byTap + (k * width) + x), sum);
                    }

                    Avx512F.Store(output + x, sum);
                }

                Scalar(input, output, start, byTap, width, taps, x, width);
            }
        }
    }

    private static unsafe void Scalar(float* input, float* output, int* start, float* byTap, int width, int taps, int from, int to)
    {
        for (var x = from; x < to; x++)
        {
            var first = input + start[x];
            var sum = byTap[x] * first[0];
            for (var k = 1; k < taps; k++)
            {
                sum += byTap[(k * width) + x] * first[k];
            }

            output[x] = sum;
        }
    }

    /// <inheritdoc cref="ResamplerScalar.Vertical(ReadOnlySpan{float}, int, ResampleWeights, Span{float})"/>
    public static void Vertical(ReadOnlySpan<float> source, int rowLength, ResampleWeights weights, Span<float> destination, SimdPath path = SimdPath.Auto) =>
        Vertical(source, rowLength, rowLength, weights, destination, path);

    /// <inheritdoc cref="ResamplerScalar.Vertical(ReadOnlySpan{float}, int, int, ResampleWeights, Span{float})"/>
    public static void Vertical(ReadOnlySpan<float> source, int sourceStride, int rowLength, ResampleWeights weights, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        // A 512-bit body, then 256-bit steps for what is left of the row, then scalar; the 256-bit path skips the first.
        var resolved = SimdPaths.Resolve(path);
        if (resolved == SimdPath.Scalar)
        {
            ResamplerScalar.Vertical(source, sourceStride, rowLength, weights, destination);
            return;
        }

        if (sourceStride < rowLength || ((long)(weights.SourceSize - 1) * sourceStride) + rowLength > source.Length || (long)weights.DestinationSize * rowLength > destination.Length)
        {
            throw new ArgumentException("Buffers are smaller than the pass needs.");
        }

        var taps = weights.TapCount;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        for (var y = 0; y < weights.DestinationSize; y++)
        {
            var rowWeights = weights.Weights.AsSpan(y * taps, taps);
            var first = (nuint)weights.Start[y] * (nuint)sourceStride;
            var output = (nuint)y * (nuint)rowLength;
            var j = 0;
            if (resolved == SimdPath.Vector512)
            {
                for (; j <= rowLength - Vector512<float>.Count; j += Vector512<float>.Count)
                {
                    var offset = first + (nuint)j;
                    var sum = Vector512.LoadUnsafe(ref src, offset) * rowWeights[0];
                    for (var k = 1; k < taps; k++)
                    {
                        offset += (nuint)sourceStride;
                        sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref src, offset), Vector512.Create(rowWeights[k]), sum);
                    }

                    sum.StoreUnsafe(ref dst, output + (nuint)j);
                }
            }

            for (; j <= rowLength - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                var offset = first + (nuint)j;
                var sum = Vector256.LoadUnsafe(ref src, offset) * rowWeights[0];
                for (var k = 1; k < taps; k++)
                {
                    offset += (nuint)sourceStride;
                    sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref src, offset), Vector256.Create(rowWeights[k]), sum);
                }

                sum.StoreUnsafe(ref dst, output + (nuint)j);
            }

            for (; j < rowLength; j++)
            {
                var offset = (int)first + j;
                var sum = rowWeights[0] * source[offset];
                for (var k = 1; k < taps; k++)
                {
                    offset += sourceStride;
                    sum += rowWeights[k] * source[offset];
                }

                destination[(int)output + j] = sum;
            }
        }
    }

    /// <inheritdoc cref="ResamplerScalar.VerticalFromBytes"/>
    public static unsafe void VerticalFromBytes(ReadOnlySpan<byte> source, int rowLength, ResampleWeights weights, float scale, Span<float> destination, SimdPath path = SimdPath.Auto)
    {
        if (SimdPaths.Resolve(path) != SimdPath.Vector512 || !Avx512F.IsSupported)
        {
            ResamplerScalar.VerticalFromBytes(source, rowLength, weights, scale, destination);
            return;
        }

        if ((long)weights.SourceSize * rowLength > source.Length || (long)weights.DestinationSize * rowLength > destination.Length)
        {
            throw new ArgumentException("Buffers are smaller than the pass needs.");
        }

        var taps = weights.TapCount;
        Span<float> scaled = stackalloc float[taps];
        fixed (byte* src = source)
        fixed (float* dst = destination)
        {
            for (var y = 0; y < weights.DestinationSize; y++)
            {
                for (var k = 0; k < taps; k++)
                {
                    scaled[k] = weights.Weights[(y * taps) + k] * scale;
                }

                var first = src + ((long)weights.Start[y] * rowLength);
                var output = dst + ((long)y * rowLength);
                var j = 0;
                for (; j <= rowLength - Vector512<float>.Count; j += Vector512<float>.Count)
                {
                    var row = first + j;
                    var sum = Avx512F.Multiply(Widen(row), Vector512.Create(scaled[0]));
                    for (var k = 1; k < taps; k++)
                    {
                        row += rowLength;
                        sum = Avx512F.FusedMultiplyAdd(Widen(row), Vector512.Create(scaled[k]), sum);
                    }

                    Avx512F.Store(output + j, sum);
                }

                for (; j < rowLength; j++)
                {
                    var row = first + j;
                    var sum = scaled[0] * row[0];
                    for (var k = 1; k < taps; k++)
                    {
                        row += rowLength;
                        sum += scaled[k] * row[0];
                    }

                    output[j] = sum;
                }
            }
        }
    }

    // Sixteen bytes zero-extended to int32 and converted to float.
    private static unsafe Vector512<float> Widen(byte* bytes) =>
        Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(bytes)));
}
