using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;
using SpineKit.Neural.Optimization;

namespace SpineKit.Neural.Tests;

/// <summary>Heap measurements, run alone: the managed heap is shared with any test running in parallel.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    [Fact]
    public void MemoryStaysFlatOverAThousandTrainingSteps()
    {
        var random = new Random(4);
        var net = new Sequential(new Conv2d(1, 4, 3, random, padding: 1), new BatchNorm2d(4), new ReLU(), new Conv2d(4, 1, 1, random));
        var optimizer = new Adam(net.Parameters(), 1e-3f);
        var x = Tensor.RandomNormal(random, 1f, 2, 1, 16, 16);
        var target = Tensor.RandomNormal(random, 1f, 2, 1, 16, 16);
        var loss = new MseLoss();
        long after100 = 0;
        for (var step = 1; step <= 1000; step++)
        {
            optimizer.ZeroGrad();
            loss.Forward(net.Forward(x), target).Backward();
            optimizer.Step();
            if (step == 100)
            {
                after100 = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        var after1000 = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after1000 - after100 < 1_000_000, $"managed heap grew from {after100} to {after1000} bytes");
    }
}
