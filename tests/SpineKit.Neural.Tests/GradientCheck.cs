using SpineKit.Neural.Autograd;

namespace SpineKit.Neural.Tests;

/// <summary>
/// Central finite differences against the engine's backward pass. The scalar checked is
/// <c>sum(f(inputs) * r)</c> for fixed random <c>r</c>, summed in double, so every output element matters.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Values spaced 0.03 apart, shuffled, none within 0.015 of 0, so no kink lies within the default step.</summary>
    public static Tensor Distinct(Random random, params int[] shape)
    {
        var count = Tensor.ShapeLength(shape);
        var values = Enumerable.Range(0, count).Select(k => (k - (count / 2) + 0.5f) * 0.03f).OrderBy(_ => random.Next()).ToArray();
        return new Tensor(values, shape) { RequiresGrad = true };
    }

    /// <summary>Normal values with standard deviation <paramref name="std"/>, requiring a gradient.</summary>
    public static Tensor Normal(Random random, float std, params int[] shape)
    {
        var t = Tensor.RandomNormal(random, std, shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>
    /// Asserts that the gradient of every tensor in <paramref name="inputs"/> matches central differences of
    /// <paramref name="function"/> (up to <paramref name="samples"/> elements per tensor).
    /// </summary>
    public static void Assert(Func<Tensor> function, IReadOnlyList<Tensor> inputs, double relative = 2e-2, double absolute = 2e-3, int samples = 40, float step = 5e-3f)
    {
        var random = new Random(7);
        var probe = function();
        var weights = Enumerable.Range(0, probe.Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        foreach (var input in inputs)
        {
            input.Grad = null;
        }

        Objective(probe, weights, record: true).Backward();
        foreach (var (input, index) in inputs.Select((t, i) => (t, i)))
        {
            Xunit.Assert.NotNull(input.Grad);
            var elements = Enumerable.Range(0, input.Length).OrderBy(_ => random.Next()).Take(samples);
            foreach (var e in elements)
            {
                var original = input.Data[e];
                double plus, minus;
                using (GradMode.NoGrad())
                {
                    input.Data[e] = original + step;
                    plus = Objective(function(), weights, record: false).Item();
                    input.Data[e] = original - step;
                    minus = Objective(function(), weights, record: false).Item();
                }

                input.Data[e] = original;
                var numeric = (plus - minus) / (2 * step);
                var analytic = input.Grad!.Data[e];
                Xunit.Assert.True(
                    Math.Abs(analytic - numeric) <= absolute + (relative * Math.Abs(numeric)),
                    $"input {index} element {e}: backward gives {analytic}, finite difference {numeric}");
            }
        }
    }

    private static Tensor Objective(Tensor output, float[] weights, bool record)
    {
        if (record)
        {
            return Functional.Sum(output * new Tensor(weights, [.. output.Shape]));
        }

        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (double)output.Data[i] * weights[i];
        }

        return Tensor.Scalar((float)sum);
    }
}
