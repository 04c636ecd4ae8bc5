namespace SpineKit.Neural.Tests.Kernels;

/// <summary>
/// Double-precision scalar definitions of the fused normalisation kernels (<c>AffineKernel.Apply</c> with ReLU,
/// <c>ChannelStatistics.GradientSums</c>, <c>NormalizationGradient.Apply</c>), written from the formulas rather than
/// from the engine's code: the ReLU gate is "the output is positive".
/// </summary>
internal static class NormalizationGradientReference
{
    /// <summary><c>max(x * scale + shift, 0)</c>, computed in double and rounded once.</summary>
    public static void AffineRelu(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (float)Math.Max(((double)x[i] * scale) + shift, 0);
        }
    }

    /// <summary>The gradient through the gate: unchanged without an activation, zero where a ReLU output is not positive.</summary>
    public static double Gate(bool relu, float output, float gradient) => !relu || output > 0 ? gradient : 0;

    /// <summary><c>sum(d)</c> and <c>sum(d * (x - mean))</c> of the gated gradient <c>d</c>.</summary>
    public static (double Sum, double CenteredDot) GradientSums(bool relu, ReadOnlySpan<float> x, ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, float mean)
    {
        double sum = 0, dot = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = Gate(relu, output[i], gradient[i]);
            sum += d;
            dot += d * ((double)x[i] - mean);
        }

        return (sum, dot);
    }

    /// <summary><c>a * d + b * x + k</c> of the gated gradient <c>d</c>.</summary>
    public static void InputGradient(bool relu, ReadOnlySpan<float> x, ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, float a, float b, float k, Span<float> dx)
    {
        for (var i = 0; i < x.Length; i++)
        {
            dx[i] = (float)((a * Gate(relu, output[i], gradient[i])) + ((double)b * x[i]) + k);
        }
    }
}
