using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>The engine's own SIMD kernels against their scalar references, on lengths that exercise every tail.</summary>
public sealed class ElementwiseKernelTests
{
    public static TheoryData<int> Lengths() => [0, 1, 7, 8, 15, 16, 17, 33, 100, 1000, 4099, 70_001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LeakyReluMatchesReference(int length)
    {
        var x = Values(length, 1);
        foreach (var slope in new[] { 0f, 0.1f })
        {
            var fast = new float[length];
            var reference = new float[length];
            ActivationKernels.LeakyRelu(x, fast, slope);
            ActivationKernelsReference.LeakyRelu(x, reference, slope);
            Assert.Equal(reference, fast);
            var g1 = Values(length, 2);
            var g2 = (float[])g1.Clone();
            ActivationKernels.LeakyReluBackward(x, g1, slope);
            ActivationKernelsReference.LeakyReluBackward(x, g2, slope);
            Assert.Equal(g2, g1);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AffineMatchesReference(int length)
    {
        var x = Values(length, 3);
        var fast = new float[length];
        var reference = new float[length];
        AffineKernel.Apply(x, 1.7f, -0.3f, fast);
        AffineKernelReference.Apply(x, 1.7f, -0.3f, reference);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(reference[i], fast[i], 1e-6f * Math.Max(1, Math.Abs(reference[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ChannelStatisticsMatchReference(int length)
    {
        var x = Values(length, 4);
        var y = Values(length, 5);
        for (var i = 0; i < length; i++)
        {
            x[i] += 3f;
        }

        Assert.Equal(ChannelStatisticsReference.Sum(x), ChannelStatistics.Sum(x), 1e-6 * Math.Max(1, length));
        Assert.Equal(ChannelStatisticsReference.SumSquaredDeviations(x, 3f), ChannelStatistics.SumSquaredDeviations(x, 3f), 1e-6 * Math.Max(1, length));
        Assert.Equal(ChannelStatisticsReference.CenteredDot(x, y, 3f), ChannelStatistics.CenteredDot(x, y, 3f), 1e-6 * Math.Max(1, length));
    }

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 4) - 2))];
    }
}
