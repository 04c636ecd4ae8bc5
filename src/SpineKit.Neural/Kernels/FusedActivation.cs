using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The activation a kernel applies as it stores its output (an operator struct: the JIT specialises each kernel for
/// each implementation, so the identity costs nothing), and the gate its gradient passes through on the way back.
/// </summary>
internal interface IFusedActivation
{
    /// <summary>The activation of one value.</summary>
    static abstract float Apply(float value);

    /// <summary>The activation of 256-bit lanes.</summary>
    static abstract Vector256<float> Apply(Vector256<float> value);

    /// <summary>The activation of 512-bit lanes.</summary>
    static abstract Vector512<float> Apply(Vector512<float> value);

    /// <summary>The gradient <paramref name="gradient"/> through the activation, given the activation's output <paramref name="output"/>.</summary>
    static abstract float Gate(float output, float gradient);

    /// <inheritdoc cref="Gate(float, float)"/>
    static abstract Vector256<float> Gate(Vector256<float> output, Vector256<float> gradient);

    /// <inheritdoc cref="Gate(float, float)"/>
    static abstract Vector512<float> Gate(Vector512<float> output, Vector512<float> gradient);
}

/// <summary>No activation: values and gradients pass unchanged.</summary>
internal readonly struct IdentityActivation : IFusedActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gate(float output, float gradient) => gradient;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gate(Vector256<float> output, Vector256<float> gradient) => gradient;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Gate(Vector512<float> output, Vector512<float> gradient) => gradient;
}

/// <summary>
/// ReLU, <c>max(x, 0)</c>; its gradient passes where the output is positive (0 at 0, as PyTorch), so the output alone
/// (not the activation's input) decides the gate. Blocked values are multiplied by 0 rather than replaced, as
/// <see cref="ActivationKernels"/> does, so a NaN still propagates.
/// </summary>
internal readonly struct ReluActivation : IFusedActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float value) => value > 0 ? value : value * 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> value) => Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, value * Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> value) => Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), value, value * Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Gate(float output, float gradient) => output > 0 ? gradient : gradient * 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gate(Vector256<float> output, Vector256<float> gradient) => Vector256.ConditionalSelect(Vector256.GreaterThan(output, Vector256<float>.Zero), gradient, gradient * Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Gate(Vector512<float> output, Vector512<float> gradient) => Vector512.ConditionalSelect(Vector512.GreaterThan(output, Vector512<float>.Zero), gradient, gradient * Vector512<float>.Zero);
}
