using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The input gradient of an affine normalisation followed by an activation, <c>dx = a * gate(dy) + b * x + k</c> in one
/// pass (the closed form of the batch-norm gradient, with the activation's gradient folded in), on the SIMD path
/// <see cref="KernelOptions.ResolvedPath"/> picks with a scalar tail. Tests force each path against a scalar definition.
/// </summary>
internal static class NormalizationGradient
{
    /// <summary>Writes <c>a * gate(gradient) + b * x + k</c> to <paramref name="dx"/>, which may alias <paramref name="gradient"/>.</summary>
    /// <typeparam name="TActivation">The activation whose gate the gradient passes (<see cref="IdentityActivation"/> for none).</typeparam>
    /// <param name="x">The normalisation's input.</param>
    /// <param name="output">The activation's output (ignored by <see cref="IdentityActivation"/>).</param>
    /// <param name="gradient">The gradient of the activation's output.</param>
    /// <param name="a">Factor of the gated gradient.</param>
    /// <param name="b">Factor of the input.</param>
    /// <param name="k">Constant.</param>
    /// <param name="dx">The input gradient, as long as <paramref name="x"/>.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static void Apply<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, float a, float b, float k, Span<float> dx, KernelOptions? options = null)
        where TActivation : struct, IFusedActivation
    {
        if (gradient.Length != x.Length || output.Length != x.Length || dx.Length != x.Length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(dx));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var os = ref MemoryMarshal.GetReference(output);
        ref var gs = ref MemoryMarshal.GetReference(gradient);
        ref var ds = ref MemoryMarshal.GetReference(dx);
        var i = 0;
        var path = (options ?? KernelOptions.Default).ResolvedPath;
        if (path == SimdPath.Vector512)
        {
            Vector512<float> av = Vector512.Create(a), bv = Vector512.Create(b), kv = Vector512.Create(k);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var d = TActivation.Gate(Vector512.LoadUnsafe(ref os, (nuint)i), Vector512.LoadUnsafe(ref gs, (nuint)i));
                Vector512.FusedMultiplyAdd(d, av, Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)i), bv, kv)).StoreUnsafe(ref ds, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector256)
        {
            Vector256<float> av = Vector256.Create(a), bv = Vector256.Create(b), kv = Vector256.Create(k);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = TActivation.Gate(Vector256.LoadUnsafe(ref os, (nuint)i), Vector256.LoadUnsafe(ref gs, (nuint)i));
                Vector256.FusedMultiplyAdd(d, av, Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)i), bv, kv)).StoreUnsafe(ref ds, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            var d = TActivation.Gate(Unsafe.Add(ref os, i), Unsafe.Add(ref gs, i));
            Unsafe.Add(ref ds, i) = MathF.FusedMultiplyAdd(d, a, MathF.FusedMultiplyAdd(Unsafe.Add(ref xs, i), b, k));
        }
    }
}
