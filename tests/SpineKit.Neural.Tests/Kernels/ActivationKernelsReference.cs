using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>Scalar definitions of <see cref="ActivationKernels"/>; tests compare the two.</summary>
internal static class ActivationKernelsReference
{
    /// <summary><c>y = x &gt; 0 ? x : slope * x</c>.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
    }

    /// <summary><c>g *= x &gt; 0 ? 1 : slope</c>.</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, Span<float> g, float slope)
    {
        for (var i = 0; i < x.Length; i++)
        {
            g[i] = x[i] > 0 ? g[i] : slope * g[i];
        }
    }
}
