using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>Scalar definition of <see cref="AffineKernel"/>.</summary>
internal static class AffineKernelReference
{
    /// <summary><c>y = x * scale + shift</c>, computed in double and rounded once.</summary>
    public static void Apply(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (float)(((double)x[i] * scale) + shift);
        }
    }
}
