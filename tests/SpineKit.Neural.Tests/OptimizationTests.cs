using SpineKit.Neural.Layers;
using SpineKit.Neural.Optimization;

namespace SpineKit.Neural.Tests;

/// <summary>Schedules and weight averaging whose definitions are closed formulas (PyTorch has no single equivalent).</summary>
public sealed class OptimizationTests
{
    [Fact]
    public void CosineWarmupRisesLinearlyThenFallsToTheMinimum()
    {
        var optimizer = new Sgd([Tensor.Zeros(1)], 0.1f);
        var scheduler = new CosineWarmupScheduler(optimizer, warmupSteps: 4, totalSteps: 14, minimumLearningRate: 0.01f);
        var rates = new List<float> { optimizer.LearningRate };
        for (var i = 0; i < 16; i++)
        {
            scheduler.Step();
            rates.Add(optimizer.LearningRate);
        }

        Assert.Equal(0.02f, rates[0], 6);
        Assert.Equal(0.08f, rates[3], 6);
        Assert.Equal(0.1f, rates[4], 6);
        Assert.Equal(0.01f + (0.09f * 0.5f * (1 + MathF.Cos(MathF.PI * 0.5f))), rates[9], 6);
        Assert.Equal(0.01f, rates[14], 6);
        Assert.Equal(0.01f, rates[16], 6);
        Assert.True(rates.Skip(4).Zip(rates.Skip(5)).All(p => p.Second <= p.First));
    }

    [Fact]
    public void EmaFollowsTheParametersAndCopiesBuffers()
    {
        var random = new Random(1);
        var net = new Sequential(new Linear(2, 2, random), new BatchNorm2d(1));
        var ema = new ExponentialMovingAverage(net, decay: 0.75f);
        var weight = net.NamedParameters().First().Tensor;
        var before = (float[])weight.Data.Clone();
        for (var i = 0; i < weight.Length; i++)
        {
            weight.Data[i] += 4f;
        }

        var bn = (BatchNorm2d)net.Layers[1];
        bn.RunningMean.Data[0] = 3f;
        ema.Update();
        var copy = new Sequential(new Linear(2, 2, random), new BatchNorm2d(1));
        ema.CopyTo(copy);
        var averaged = copy.NamedParameters().First().Tensor.Data;
        for (var i = 0; i < averaged.Length; i++)
        {
            Assert.Equal(before[i] + 1f, averaged[i], 5);
        }

        Assert.Equal(3f, ((BatchNorm2d)copy.Layers[1]).RunningMean.Data[0]);
    }

    [Fact]
    public void ClipByValueClampsEveryElement()
    {
        var p = Tensor.Zeros(4);
        p.Grad = new Tensor([-3f, -0.5f, 0.5f, 3f], 4);
        GradientClipping.ClipByValue([p], 1f);
        Assert.Equal([-1f, -0.5f, 0.5f, 1f], p.Grad.Data);
    }
}
