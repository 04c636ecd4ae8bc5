using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Inference's 2x2, stride 2, unpadded max pooling (every U-Net down step), without the argmax training keeps. It is
/// bound by memory, so it reads every input row once: the vertical pair is combined with one vector max, each
/// horizontal pair by shifting the odd element of every 64-bit lane onto the even one, and the even lanes are
/// gathered with a narrowing move. NaN propagates as in the element loop (a window holding NaN yields NaN).
/// </summary>
internal static unsafe class MaxPool2x2Kernel
{
    /// <summary>Below this many input elements the pool runs on the calling thread alone.</summary>
    private const long ParallelElements = 1 << 16;

    /// <summary>
    /// Pools <paramref name="planes"/> planes of <paramref name="height"/> x <paramref name="width"/> into
    /// planes of <c>height / 2</c> x <c>width / 2</c> (an odd last row or column is dropped, as floor rounding does).
    /// </summary>
    public static void Run(ReadOnlySpan<float> input, Span<float> output, int planes, int height, int width, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int outHeight = height / 2, outWidth = width / 2;
        if (input.Length < (long)planes * height * width || output.Length < (long)planes * outHeight * outWidth || outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException($"A 2x2 pool of {planes} planes of {height}x{width} does not fit spans of {input.Length} and {output.Length} values.");
        }

        var path = options.ResolvedPath;
        var rows = planes * outHeight;
        var workers = (long)planes * height * width < ParallelElements ? 1 : Math.Min(options.Threads, rows);
        fixed (float* source = input, target = output)
        {
            var (sourceAddress, targetAddress) = ((nint)source, (nint)target);
            KernelParallel.Run(workers, t =>
            {
                for (var row = KernelParallel.Start(rows, workers, t); row < KernelParallel.Start(rows, workers, t + 1); row++)
                {
                    int plane = row / outHeight, oy = row % outHeight;
                    var top = (float*)sourceAddress + ((((long)plane * height) + (2 * oy)) * width);
                    Row(top, top + width, (float*)targetAddress + ((long)row * outWidth), outWidth, path);
                }
            });
        }
    }

    /// <summary>One output row from its two input rows.</summary>
    private static void Row(float* top, float* bottom, float* target, int outWidth, SimdPath path)
    {
        var x = 0;
        if (path == SimdPath.Vector512)
        {
            for (; x + Vector512<float>.Count <= outWidth; x += Vector512<float>.Count)
            {
                var at = 2 * x;
                var lower = Pairs(Vector512.Max(Vector512.Load(top + at), Vector512.Load(bottom + at)));
                var upper = Pairs(Vector512.Max(Vector512.Load(top + at + 16), Vector512.Load(bottom + at + 16)));
                Vector512.Narrow(lower, upper).AsSingle().Store(target + x);
            }
        }
        else if (path == SimdPath.Vector256)
        {
            for (; x + Vector256<float>.Count <= outWidth; x += Vector256<float>.Count)
            {
                var at = 2 * x;
                var lower = Pairs(Vector256.Max(Vector256.Load(top + at), Vector256.Load(bottom + at)));
                var upper = Pairs(Vector256.Max(Vector256.Load(top + at + 8), Vector256.Load(bottom + at + 8)));
                Vector256.Narrow(lower, upper).AsSingle().Store(target + x);
            }
        }

        for (; x < outWidth; x++)
        {
            target[x] = Max(Max(top[2 * x], top[(2 * x) + 1]), Max(bottom[2 * x], bottom[(2 * x) + 1]));
        }
    }

    /// <summary>Each 64-bit lane's low float becomes the larger of the lane's two floats (the high float is left as it was).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Pairs(Vector512<float> values)
        => Vector512.Max(values, Vector512.ShiftRightLogical(values.AsUInt64(), 32).AsSingle()).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Pairs(Vector256<float> values)
        => Vector256.Max(values, Vector256.ShiftRightLogical(values.AsUInt64(), 32).AsSingle()).AsUInt64();

    /// <summary>The larger value, NaN when either is NaN (what <see cref="Vector512.Max{T}"/> does per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max(float a, float b) => float.IsNaN(a) || a > b ? a : b;
}
