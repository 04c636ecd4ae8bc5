using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// <c>y = x * scale + shift</c> with scalar scale and shift, the inner loop of every normalisation
/// (fused multiply-add where the hardware has it), optionally followed by an activation (<see cref="IFusedActivation"/>:
/// batch normalisation and ReLU in one pass), on the SIMD path <see cref="KernelOptions.ResolvedPath"/> picks
/// with a scalar tail (the whole span on the scalar path). Tests force each path against a scalar definition.
/// </summary>
internal static class AffineKernel
{
    /// <summary>Writes <c>x * scale + shift</c> to <paramref name="y"/>, which may alias <paramref name="x"/>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="scale">Factor.</param>
    /// <param name="shift">Offset.</param>
    /// <param name="y">Output, at least as long as <paramref name="x"/>.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static void Apply(ReadOnlySpan<float> x, float scale, float shift, Span<float> y, KernelOptions? options = null)
        => Apply<IdentityActivation>(x, scale, shift, y, options);

    /// <summary>Writes <c>activation(x * scale + shift)</c> to <paramref name="y"/>, which may alias <paramref name="x"/>.</summary>
    /// <typeparam name="TActivation">The activation applied to each result before it is stored.</typeparam>
    /// <param name="x">Input.</param>
    /// <param name="scale">Factor.</param>
    /// <param name="shift">Offset.</param>
    /// <param name="y">Output, at least as long as <paramref name="x"/>.</param>
    /// <param name="options">The SIMD path (<see cref="KernelOptions.Default"/> when null); the thread cap does not apply.</param>
    public static void Apply<TActivation>(ReadOnlySpan<float> x, float scale, float shift, Span<float> y, KernelOptions? options = null)
        where TActivation : struct, IFusedActivation
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
            var s = Vector512.Create(scale);
            var t = Vector512.Create(shift);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                TActivation.Apply(Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)i), s, t)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector256)
        {
            var s = Vector256.Create(scale);
            var t = Vector256.Create(shift);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                TActivation.Apply(Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)i), s, t)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref ys, i) = TActivation.Apply(MathF.FusedMultiplyAdd(Unsafe.Add(ref xs, i), scale, shift));
        }
    }
}
