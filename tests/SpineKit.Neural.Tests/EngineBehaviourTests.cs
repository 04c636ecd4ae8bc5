using SpineKit.Neural.Autograd;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;
using SpineKit.Neural.Optimization;

namespace SpineKit.Neural.Tests;

public sealed class EngineBehaviourTests
{
    [Fact]
    public void NoGradScopeRecordsNothingAndIsFlowLocal()
    {
        var w = Tensor.Ones(3);
        w.RequiresGrad = true;
        Tensor inside;
        var otherFlowEnabled = false;
        using var scopeOpened = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            scopeOpened.Wait();
            otherFlowEnabled = GradMode.IsEnabled;
        });
        other.Start();
        using (GradMode.NoGrad())
        {
            inside = w * 2f;
            scopeOpened.Set();
            other.Join();
        }

        Assert.False(inside.RequiresGrad);
        Assert.True((w * 2f).RequiresGrad);
        Assert.True(GradMode.IsEnabled);
        Assert.True(otherFlowEnabled);
    }

    [Fact]
    public void InPlaceReluOverwritesOnlyWhenNoGraphIsRecorded()
    {
        var relu = new ReLU(inPlace: true);
        var x = new Tensor([-1f, 2f, -3f], 3);
        using (GradMode.NoGrad())
        {
            Assert.Same(x, relu.Forward(x));
        }

        Assert.Equal([0f, 2f, 0f], x.Data);
        var y = new Tensor([-1f, 2f], 2) { RequiresGrad = true };
        var z = relu.Forward(y);
        Assert.NotSame(y, z);
        Assert.Equal([-1f, 2f], y.Data);
        z.Sum().Backward();
        Assert.Equal([0f, 1f], y.Grad!.Data);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InPlaceBatchNormInferenceGivesTheOrdinaryResult(bool training)
    {
        var random = new Random(21);
        var ordinary = new BatchNorm2d(3);
        var inPlace = new BatchNorm2d(3, inPlaceInference: true);
        foreach (var bn in new[] { ordinary, inPlace })
        {
            bn.Weight.Data[1] = 2f;
            bn.RunningVar.Data[2] = 3f;
            bn.Train(training);
        }

        var x = Tensor.RandomNormal(random, 1f, 2, 3, 5, 4);
        var copy = x.Clone();
        using (GradMode.NoGrad())
        {
            var expected = ordinary.Forward(x);
            Assert.Same(copy, inPlace.Forward(copy));
            Assert.Equal(expected.Data, copy.Data);
        }

        Assert.Equal(ordinary.RunningMean.Data, inPlace.RunningMean.Data);
        Assert.NotSame(x, inPlace.Forward(x));
    }

    [Fact]
    public void GradientsAccumulateUntilCleared()
    {
        var x = new Tensor([1f, 2f], 2) { RequiresGrad = true };
        (x * x).Sum().Backward();
        (x * x).Sum().Backward();
        Assert.Equal([4f, 8f], x.Grad!.Data);
        x.Grad = null;
        (x * 3f).Sum().Backward();
        Assert.Equal([3f, 3f], x.Grad!.Data);
    }

    [Fact]
    public void ReusedTensorGetsTheSumOfItsGradients()
    {
        var x = new Tensor([2f], 1) { RequiresGrad = true };
        var y = x * x;
        (y + y + x).Sum().Backward();
        Assert.Equal([9f], x.Grad!.Data);
    }

    [Fact]
    public void ParallelOperationsAreBitIdenticalAcrossRunsAndThreads()
    {
        // Every parallel loop writes each output from one thread in a fixed order, so whichever pool
        // threads pick up the work, the bits are the same.
        var random = new Random(3);
        var x = Tensor.RandomNormal(random, 1f, 2, 8, 40, 40);
        x.RequiresGrad = true;
        float[] Run()
        {
            var bn = new BatchNorm2d(8);
            var y = Functional.UpsampleBilinear(Functional.MaxPool2d(Functional.Relu(bn.Forward(x)), 2), 2);
            x.Grad = null;
            Functional.Concat(1, y, y).Mean().Backward();
            return [.. y.Data, .. x.Grad!.Data, .. bn.RunningVar.Data];
        }

        var first = Run();
        var fromOtherThread = Array.Empty<float>();
        var thread = new Thread(() => fromOtherThread = Run());
        thread.Start();
        thread.Join();
        Assert.Equal(first, fromOtherThread);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void TrainingReducesTheLoss()
    {
        var random = new Random(5);
        var net = new Sequential(new Linear(3, 8, random), new Tanh(), new Linear(8, 1, random));
        var x = Tensor.RandomNormal(random, 1f, 32, 3);
        var y = new Tensor([.. Enumerable.Range(0, 32).Select(i => x.Data[i * 3] - (2 * x.Data[(i * 3) + 1]))], 32, 1);
        var optimizer = new Sgd(net.Parameters(), 0.05f, momentum: 0.9f, nesterov: true);
        var loss = new MseLoss();
        var first = loss.Forward(net.Forward(x), y).Item();
        for (var i = 0; i < 300; i++)
        {
            optimizer.ZeroGrad();
            loss.Forward(net.Forward(x), y).Backward();
            optimizer.Step();
        }

        Assert.True(loss.Forward(net.Forward(x), y).Item() < first * 0.05);
    }

    [Fact]
    public void BadShapesRaiseArgumentExceptionsWithTheShapes()
    {
        var conv = new Conv2d(3, 4, 3, new Random(1));
        var error = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 2, 8, 8)));
        Assert.Contains("[1, 2, 8, 8]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
    }
}
