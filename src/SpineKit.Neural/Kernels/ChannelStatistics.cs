using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The per-plane sums normalisation layers need, vectorised. Lane accumulators are flushed into a
/// double every <see cref="FlushInterval"/> vectors, so error stays near double-precision summation
/// even for planes of a million values. The SIMD path is the one <see cref="KernelOptions.ResolvedPath"/> picks
/// (the scalar loop sums in double throughout); tests force each against a double-precision definition.
/// </summary>
internal static class ChannelStatistics
{
    private const int FlushInterval = 256;

    /// <summary>Sum of <paramref name="x"/>.</summary>
    /// <param name="x">Values.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static double Sum(ReadOnlySpan<float> x, KernelOptions? options = null) => CenteredDot(x, x, 0f, options, product: false);

    /// <summary><c>sum((x - mean)^2)</c>.</summary>
    /// <param name="x">Values.</param>
    /// <param name="mean">The centre.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static double SumSquaredDeviations(ReadOnlySpan<float> x, float mean, KernelOptions? options = null) => CenteredDot(x, x, mean, options, product: true, centerBoth: true);

    /// <summary><c>sum(y * (x - mean))</c>.</summary>
    /// <param name="x">Values centred by <paramref name="mean"/>.</param>
    /// <param name="y">Weights, as long as <paramref name="x"/>.</param>
    /// <param name="mean">The centre.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static double CenteredDot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float mean, KernelOptions? options = null) => CenteredDot(x, y, mean, options, product: true);

    /// <summary>
    /// <c>sum(d)</c> and <c>sum(d * (x - mean))</c> in one pass, where <c>d</c> is <paramref name="gradient"/> through the
    /// activation's gate (<paramref name="output"/> is the activation's output): the two sums a normalisation's backward
    /// pass needs. With <see cref="IdentityActivation"/> the results equal <see cref="Sum"/> of the gradient and
    /// <see cref="CenteredDot(ReadOnlySpan{float}, ReadOnlySpan{float}, float, KernelOptions?)"/>, accumulated alike.
    /// </summary>
    /// <typeparam name="TActivation">The activation the normalisation's output went through.</typeparam>
    /// <param name="x">The normalisation's input.</param>
    /// <param name="output">The activation's output (ignored by <see cref="IdentityActivation"/>), as long as <paramref name="x"/>.</param>
    /// <param name="gradient">The gradient of the activation's output, as long as <paramref name="x"/>.</param>
    /// <param name="mean">The centre.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static (double Sum, double CenteredDot) GradientSums<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, float mean, KernelOptions? options = null)
        where TActivation : struct, IFusedActivation
    {
        if (gradient.Length != x.Length || output.Length != x.Length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(gradient));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var os = ref MemoryMarshal.GetReference(output);
        ref var gs = ref MemoryMarshal.GetReference(gradient);
        double sum = 0, dot = 0;
        var i = 0;
        var path = (options ?? KernelOptions.Default).ResolvedPath;
        if (path == SimdPath.Vector512)
        {
            var m = Vector512.Create(mean);
            while (i <= x.Length - Vector512<float>.Count)
            {
                Vector512<float> sumAcc = Vector512<float>.Zero, dotAcc = Vector512<float>.Zero;
                for (var block = 0; block < FlushInterval && i <= x.Length - Vector512<float>.Count; block++, i += Vector512<float>.Count)
                {
                    var d = TActivation.Gate(Vector512.LoadUnsafe(ref os, (nuint)i), Vector512.LoadUnsafe(ref gs, (nuint)i));
                    sumAcc += d;
                    dotAcc += (Vector512.LoadUnsafe(ref xs, (nuint)i) - m) * d;
                }

                sum += Vector512.Sum(Vector512.WidenLower(sumAcc)) + Vector512.Sum(Vector512.WidenUpper(sumAcc));
                dot += Vector512.Sum(Vector512.WidenLower(dotAcc)) + Vector512.Sum(Vector512.WidenUpper(dotAcc));
            }
        }
        else if (path == SimdPath.Vector256)
        {
            var m = Vector256.Create(mean);
            while (i <= x.Length - Vector256<float>.Count)
            {
                Vector256<float> sumAcc = Vector256<float>.Zero, dotAcc = Vector256<float>.Zero;
                for (var block = 0; block < FlushInterval && i <= x.Length - Vector256<float>.Count; block++, i += Vector256<float>.Count)
                {
                    var d = TActivation.Gate(Vector256.LoadUnsafe(ref os, (nuint)i), Vector256.LoadUnsafe(ref gs, (nuint)i));
                    sumAcc += d;
                    dotAcc += (Vector256.LoadUnsafe(ref xs, (nuint)i) - m) * d;
                }

                sum += Vector256.Sum(Vector256.WidenLower(sumAcc)) + Vector256.Sum(Vector256.WidenUpper(sumAcc));
                dot += Vector256.Sum(Vector256.WidenLower(dotAcc)) + Vector256.Sum(Vector256.WidenUpper(dotAcc));
            }
        }

        for (; i < x.Length; i++)
        {
            var d = TActivation.Gate(Unsafe.Add(ref os, i), Unsafe.Add(ref gs, i));
            sum += d;
            dot += (double)(Unsafe.Add(ref xs, i) - mean) * d;
        }

        return (sum, dot);
    }

    private static double CenteredDot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float mean, KernelOptions? options, bool product, bool centerBoth = false)
    {
        if (y.Length != x.Length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(y));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        double total = 0;
        var i = 0;
        var path = (options ?? KernelOptions.Default).ResolvedPath;
        if (path == SimdPath.Vector512)
        {
            var m = Vector512.Create(mean);
            var ym = centerBoth ? m : Vector512<float>.Zero;
            while (i <= x.Length - Vector512<float>.Count)
            {
                var acc = Vector512<float>.Zero;
                for (var block = 0; block < FlushInterval && i <= x.Length - Vector512<float>.Count; block++, i += Vector512<float>.Count)
                {
                    var xv = Vector512.LoadUnsafe(ref xs, (nuint)i) - m;
                    acc += product ? xv * (Vector512.LoadUnsafe(ref ys, (nuint)i) - ym) : xv;
                }

                total += Vector512.Sum(Vector512.WidenLower(acc)) + Vector512.Sum(Vector512.WidenUpper(acc));
            }
        }
        else if (path == SimdPath.Vector256)
        {
            var m = Vector256.Create(mean);
            var ym = centerBoth ? m : Vector256<float>.Zero;
            while (i <= x.Length - Vector256<float>.Count)
            {
                var acc = Vector256<float>.Zero;
                for (var block = 0; block < FlushInterval && i <= x.Length - Vector256<float>.Count; block++, i += Vector256<float>.Count)
                {
                    var xv = Vector256.LoadUnsafe(ref xs, (nuint)i) - m;
                    acc += product ? xv * (Vector256.LoadUnsafe(ref ys, (nuint)i) - ym) : xv;
                }

                total += Vector256.Sum(Vector256.WidenLower(acc)) + Vector256.Sum(Vector256.WidenUpper(acc));
            }
        }

        for (; i < x.Length; i++)
        {
            var xv = Unsafe.Add(ref xs, i) - mean;
            total += product ? (double)xv * (Unsafe.Add(ref ys, i) - (centerBoth ? mean : 0f)) : xv;
        }

        return total;
    }
}
