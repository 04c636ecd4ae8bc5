using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Vectorised rectifiers and their gradient masks (Vector512, then Vector256, then scalar tails).
/// <see cref="ActivationKernelsReference"/> defines the expected results.
/// </summary>
internal static class ActivationKernels
{
    /// <summary><c>y = x &gt; 0 ? x : slope * x</c>; slope 0 is ReLU.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("Output is shorter than input.", nameof(y));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(slope);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * s).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * s).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            var v = Unsafe.Add(ref xs, i);
            Unsafe.Add(ref ys, i) = v > 0 ? v : slope * v;
        }
    }

    /// <summary>
    /// In place <c>g *= (x &gt; 0 ? 1 : slope)</c>, where <paramref name="x"/> is the activation's input
    /// (or its output: the sign is the same for positive slopes).
    /// </summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, Span<float> g, float slope)
    {
        if (g.Length != x.Length)
        {
            throw new ArgumentException("Gradient and input differ in length.", nameof(g));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var gs = ref MemoryMarshal.GetReference(g);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(slope);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                var d = Vector512.LoadUnsafe(ref gs, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), d, d * s).StoreUnsafe(ref gs, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(slope);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
                var d = Vector256.LoadUnsafe(ref gs, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), d, d * s).StoreUnsafe(ref gs, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            if (!(Unsafe.Add(ref xs, i) > 0))
            {
                Unsafe.Add(ref gs, i) *= slope;
            }
        }
    }
}
