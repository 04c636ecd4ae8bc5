using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>
/// The engine's element-wise kernels and reductions on every forced SIMD path (Vector512, Vector256, scalar)
/// against the scalar definitions beside these tests, on lengths that exercise every tail.
/// </summary>
public sealed class ElementwiseKernelTests
{
    // The path travels by name: SimdPath is internal to the engine and a public test method cannot take it.
    public static TheoryData<int, string> Lengths()
    {
        var data = new TheoryData<int, string>();
        foreach (var path in KernelPaths.Forced)
        {
            foreach (var length in new[] { 0, 1, 7, 8, 15, 16, 17, 33, 100, 1000, 4099, 70_001 })
            {
                data.Add(length, path.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LeakyReluMatchesReference(int length, string path)
    {
        var simd = Enum.Parse<SimdPath>(path);
        var options = new KernelOptions { Path = simd };
        var x = Values(length, 1);
        foreach (var slope in new[] { 0f, 0.1f })
        {
            var fast = new float[length];
            var reference = new float[length];
            ActivationKernels.LeakyRelu(x, fast, slope, options);
            ActivationKernelsReference.LeakyRelu(x, reference, slope);
            Assert.Equal(reference, fast);
            var g1 = Values(length, 2);
            var g2 = (float[])g1.Clone();
            ActivationKernels.LeakyReluBackward(x, g1, slope, options);
            ActivationKernelsReference.LeakyReluBackward(x, g2, slope);
            Assert.Equal(g2, g1);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AffineMatchesReference(int length, string path)
    {
        var simd = Enum.Parse<SimdPath>(path);
        var x = Values(length, 3);
        var fast = new float[length];
        var reference = new float[length];
        AffineKernel.Apply(x, 1.7f, -0.3f, fast, new KernelOptions { Path = simd });
        AffineKernelReference.Apply(x, 1.7f, -0.3f, reference);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(reference[i], fast[i], 1e-6f * Math.Max(1, Math.Abs(reference[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ChannelStatisticsMatchReference(int length, string path)
    {
        var simd = Enum.Parse<SimdPath>(path);
        var options = new KernelOptions { Path = simd };
        var x = Values(length, 4);
        var y = Values(length, 5);
        for (var i = 0; i < length; i++)
        {
            x[i] += 3f;
        }

        Assert.Equal(ChannelStatisticsReference.Sum(x), ChannelStatistics.Sum(x, options), 1e-6 * Math.Max(1, length));
        Assert.Equal(ChannelStatisticsReference.SumSquaredDeviations(x, 3f), ChannelStatistics.SumSquaredDeviations(x, 3f, options), 1e-6 * Math.Max(1, length));
        Assert.Equal(ChannelStatisticsReference.CenteredDot(x, y, 3f), ChannelStatistics.CenteredDot(x, y, 3f, options), 1e-6 * Math.Max(1, length));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AffineReluMatchesReference(int length, string path)
    {
        var options = new KernelOptions { Path = Enum.Parse<SimdPath>(path) };
        var x = Values(length, 6);
        var fast = new float[length];
        var reference = new float[length];
        AffineKernel.Apply<ReluActivation>(x, 1.7f, -0.3f, fast, options);
        NormalizationGradientReference.AffineRelu(x, 1.7f, -0.3f, reference);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(reference[i], fast[i], 1e-6f * Math.Max(1, Math.Abs(reference[i])));
            Assert.True(fast[i] >= 0, $"element {i} is {fast[i]} after ReLU");
        }

        // In place (the layout inference uses) gives the same values.
        AffineKernel.Apply<ReluActivation>(x, 1.7f, -0.3f, x, options);
        Assert.Equal(fast, x);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NormalizationGradientMatchesReference(int length, string path)
    {
        var options = new KernelOptions { Path = Enum.Parse<SimdPath>(path) };
        var x = Values(length, 7);
        var output = Values(length, 8);
        var gradient = Values(length, 9);
        for (var i = 0; i < length; i += 5)
        {
            output[i] = 0f; // the gate is closed at exactly 0, as PyTorch's ReLU gradient
        }

        foreach (var relu in new[] { false, true })
        {
            var (sum, dot) = relu
                ? ChannelStatistics.GradientSums<ReluActivation>(x, output, gradient, 0.25f, options)
                : ChannelStatistics.GradientSums<IdentityActivation>(x, output, gradient, 0.25f, options);
            var (referenceSum, referenceDot) = NormalizationGradientReference.GradientSums(relu, x, output, gradient, 0.25f);
            Assert.Equal(referenceSum, sum, 1e-6 * Math.Max(1, length));
            Assert.Equal(referenceDot, dot, 1e-6 * Math.Max(1, length));

            var fast = new float[length];
            var reference = new float[length];
            if (relu)
            {
                NormalizationGradient.Apply<ReluActivation>(x, output, gradient, 0.7f, -0.2f, 0.05f, fast, options);
            }
            else
            {
                NormalizationGradient.Apply<IdentityActivation>(x, output, gradient, 0.7f, -0.2f, 0.05f, fast, options);
            }

            NormalizationGradientReference.InputGradient(relu, x, output, gradient, 0.7f, -0.2f, 0.05f, reference);
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(reference[i], fast[i], 1e-6f * Math.Max(1, Math.Abs(reference[i])));
            }

            // Written over the gradient itself (how the backward pass uses it): the same values.
            var inPlace = (float[])gradient.Clone();
            if (relu)
            {
                NormalizationGradient.Apply<ReluActivation>(x, output, inPlace, 0.7f, -0.2f, 0.05f, inPlace, options);
            }
            else
            {
                NormalizationGradient.Apply<IdentityActivation>(x, output, inPlace, 0.7f, -0.2f, 0.05f, inPlace, options);
            }

            Assert.Equal(fast, inPlace);
        }
    }

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }
}
