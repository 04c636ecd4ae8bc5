using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// The separable resampling passes behind <see cref="Transforms.Resize"/>, vectorised. Same contract as
/// <see cref="ResamplerReference"/>; results differ only by fused multiply-add rounding (a few ulp).
/// </summary>
internal static class Resampler
{
    /// <inheritdoc cref="ResamplerReference.Horizontal"/>
    public static unsafe void Horizontal(ReadOnlySpan<float> source, int rows, int channels, ResampleWeights weights, Span<float> destination)
    {
        // Grey images are the common case: eight outputs at a time, gathering each tap from eight windows.
        if (channels != 1 || !Avx2.IsSupported || !Fma.IsSupported || weights.DestinationSize < Vector256<float>.Count)
        {
            ResamplerReference.Horizontal(source, rows, channels, weights, destination);
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
            var vectorEnd = width - (width % Vector256<float>.Count);
            for (var y = 0; y < rows; y++)
            {
                var input = src + ((long)y * sourceRow);
                var output = dst + ((long)y * width);
                for (var x = 0; x < vectorEnd; x += Vector256<float>.Count)
                {
                    var index = Avx.LoadVector256(start + x);
                    var sum = Avx.Multiply(Avx2.GatherVector256(input, index, 4), Avx.LoadVector256(byTap + x));
                    for (var k = 1; k < taps; k++)
                    {
                        index = Avx2.Add(index, Vector256<int>.One);
                        sum = Fma.MultiplyAdd(Avx2.GatherVector256(input, index, 4), Avx.LoadVector256(byTap + (k * width) + x), sum);
                    }

                    Avx.Store(output + x, sum);
                }

                for (var x = vectorEnd; x < width; x++)
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
        }
    }

    /// <inheritdoc cref="ResamplerReference.Vertical"/>
    public static void Vertical(ReadOnlySpan<float> source, int rowLength, ResampleWeights weights, Span<float> destination)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            ResamplerReference.Vertical(source, rowLength, weights, destination);
            return;
        }

        if ((long)weights.SourceSize * rowLength > source.Length || (long)weights.DestinationSize * rowLength > destination.Length)
        {
            throw new ArgumentException("Buffers are smaller than the pass needs.");
        }

        var taps = weights.TapCount;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        for (var y = 0; y < weights.DestinationSize; y++)
        {
            var rowWeights = weights.Weights.AsSpan(y * taps, taps);
            var first = (nuint)weights.Start[y] * (nuint)rowLength;
            var output = (nuint)y * (nuint)rowLength;
            var j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j <= rowLength - Vector512<float>.Count; j += Vector512<float>.Count)
                {
                    var offset = first + (nuint)j;
                    var sum = Vector512.LoadUnsafe(ref src, offset) * rowWeights[0];
                    for (var k = 1; k < taps; k++)
                    {
                        offset += (nuint)rowLength;
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
                    offset += (nuint)rowLength;
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
                    offset += rowLength;
                    sum += rowWeights[k] * source[offset];
                }

                destination[(int)output + j] = sum;
            }
        }
    }
}
