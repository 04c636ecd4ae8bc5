using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Vectorised rectifiers and their gradient masks: the Vector512 or Vector256 body that
/// <see cref="KernelOptions.ResolvedPath"/> picks, then a scalar loop for the tail (the whole span on the scalar
/// path). Tests force each path and compare it with a scalar definition of their own.
/// </summary>
internal static class ActivationKernels
{
    /// <summary><c>y = x &gt; 0 ? x : slope * x</c>; slope 0 is ReLU.</summary>
    /// <param name="x">Input.</param>
    /// <param name="y">Output, at least as long as <paramref name="x"/>; may alias it.</param>
    /// <param name="slope">Slope for non-positive inputs.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope, KernelOptions? options = null)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("Output is shorter than input.", nameof(y));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var path = (options ?? KernelOptions.Default).ResolvedPath;
        if (path == SimdPath.Vector512)
        {
            var s = Vector512.Create(slope);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * s).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector256)
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
    /// <param name="x">The activation's input (or output).</param>
    /// <param name="g">The gradient, scaled in place.</param>
    /// <param name="slope">Slope for non-positive inputs.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, Span<float> g, float slope, KernelOptions? options = null)
    {
        if (g.Length != x.Length)
        {
            throw new ArgumentException("Gradient and input differ in length.", nameof(g));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var gs = ref MemoryMarshal.GetReference(g);
        var i = 0;
        var path = (options ?? KernelOptions.Default).ResolvedPath;
        if (path == SimdPath.Vector512)
        {
            var s = Vector512.Create(slope);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xs, (nuint)i);
                var d = Vector512.LoadUnsafe(ref gs, (nuint)i);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), d, d * s).StoreUnsafe(ref gs, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector256)
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
