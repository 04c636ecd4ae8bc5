using SpineKit.Neural.Autograd;
using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Tests;

/// <summary>
/// Batch normalisation and ReLU as one operation (<see cref="Functional.BatchNormRelu2d"/>, used by
/// <see cref="Sequential"/> and <see cref="BatchNorm2d.ForwardRelu"/>) against the eager composition
/// <c>Relu(BatchNorm2d(x))</c> and against finite differences. The kernels' forced SIMD and scalar paths are
/// checked in Kernels/ElementwiseKernelTests; here the operation runs on the path the machine picks.
/// </summary>
public sealed class FusedBatchNormReluTests
{
    // Planes of 323 values exercise the vector bodies and their tails; 2 x 8 x 48 x 48 is big enough for the
    // backward pass to recycle gradient arrays (and for the input gradient to be written over the received one).
    public static TheoryData<bool, int, int, int, int> Shapes() => new()
    {
        { true, 2, 3, 17, 19 },
        { false, 2, 3, 17, 19 },
        { true, 2, 8, 48, 48 },
        { false, 1, 8, 48, 48 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FusedOperationEqualsTheComposition(bool training, int batch, int channels, int height, int width)
    {
        var random = new Random(21);
        var x = Tensor.RandomNormal(random, 1.5f, batch, channels, height, width);
        var weight = Tensor.RandomNormal(random, 1f, channels);
        var bias = Tensor.RandomNormal(random, 0.5f, channels);
        var runningMean = Tensor.RandomNormal(random, 0.3f, channels);
        var runningVar = new Tensor([.. Enumerable.Range(0, channels).Select(c => 0.5f + (0.25f * c))], channels);
        var upstream = Tensor.RandomNormal(random, 1f, batch, channels, height, width);

        var fused = Run(fused: true);
        var eager = Run(fused: false);

        // Forward: the same float operations (a fused multiply-add, then the rectifier), so the same bits.
        Assert.Equal(eager.Output, fused.Output);
        Assert.Equal(eager.RunningMean, fused.RunningMean);
        Assert.Equal(eager.RunningVar, fused.RunningVar);
        AssertClose(eager.InputGradient, fused.InputGradient, "input gradient");
        AssertClose(eager.WeightGradient, fused.WeightGradient, "weight gradient");
        AssertClose(eager.BiasGradient, fused.BiasGradient, "bias gradient");
        Assert.Contains(fused.InputGradient, g => g != 0);
        Assert.Contains(fused.Output, v => v == 0);

        (float[] Output, float[] InputGradient, float[] WeightGradient, float[] BiasGradient, float[] RunningMean, float[] RunningVar) Run(bool fused)
        {
            var input = new Tensor((float[])x.Data.Clone(), x.Shape.ToArray()) { RequiresGrad = true };
            var w = new Tensor((float[])weight.Data.Clone(), channels) { RequiresGrad = true };
            var b = new Tensor((float[])bias.Data.Clone(), channels) { RequiresGrad = true };
            var mean = runningMean.Clone();
            var variance = runningVar.Clone();
            var y = fused
                ? Functional.BatchNormRelu2d(input, w, b, mean, variance, training)
                : Functional.Relu(Functional.BatchNorm2d(input, w, b, mean, variance, training));
            Functional.Sum(y * upstream).Backward();
            return (y.Data, input.Grad!.Data, w.Grad!.Data, b.Grad!.Data, mean.Data, variance.Data);
        }
    }

    [Fact]
    public void FusedLayerGradientsMatchFiniteDifferencesInTraining()
    {
        var random = new Random(22);
        var layer = new BatchNorm2d(3);
        Tensor.RandomNormal(random, 1f, 3).Data.CopyTo(layer.Weight.Data, 0);
        Tensor.RandomNormal(random, 1f, 3).Data.CopyTo(layer.Bias.Data, 0);
        var x = GradientCheck.Normal(random, 1f, 2, 3, 5, 7);
        GradientCheck.Assert(() => layer.ForwardRelu(x), [x, .. layer.Parameters()]);
    }

    [Fact]
    public void FusedLayerGradientsMatchFiniteDifferencesInEvaluation()
    {
        // Running statistics 0 and 1, bias 0 and scales in [0.5, 1.5]: every pre-activation is the input scaled, at
        // least 0.0075 from the ReLU's kink, and a step of 1e-3 on any input or parameter moves it by less than that.
        var random = new Random(22);
        var layer = new BatchNorm2d(3, epsilon: 0f);
        layer.Weight.Data[0] = 0.5f;
        layer.Weight.Data[1] = 1.2f;
        layer.Weight.Data[2] = 1.5f;
        layer.Eval();
        var x = GradientCheck.Distinct(random, 2, 3, 5, 7);
        GradientCheck.Assert(() => layer.ForwardRelu(x), [x, .. layer.Parameters()], step: 1e-3f);
    }

    [Fact]
    public void SequentialFusesNormalisationAndReluWithTheCompositionsResults()
    {
        var random = new Random(23);
        var fusedNet = new Sequential(new Conv2d(2, 4, 3, random, padding: 1, bias: false), new BatchNorm2d(4), new ReLU(inPlace: true), new Conv2d(4, 3, 1, random));
        var conv1 = new Conv2d(2, 4, 3, random, padding: 1, bias: false);
        var norm = new BatchNorm2d(4);
        var conv2 = new Conv2d(4, 3, 1, random);
        var unfused = new Sequential(conv1, norm, conv2);
        foreach (var (name, tensor) in fusedNet.NamedParameters())
        {
            var target = unfused.NamedParameters().Single(p => p.Name == (name.StartsWith("3.", StringComparison.Ordinal) ? "2." + name[2..] : name)).Tensor;
            tensor.Data.CopyTo(target.Data, 0);
        }

        var x = Tensor.RandomNormal(random, 1f, 2, 2, 40, 40);
        var yFused = fusedNet.Forward(x);
        var yEager = conv2.Forward(Functional.Relu(norm.Forward(conv1.Forward(x))));
        Assert.Equal(yEager.Data, yFused.Data);
        yFused.Mean().Backward();
        yEager.Mean().Backward();
        var fusedLayers = fusedNet.Layers;
        AssertClose(conv1.Weight.Grad!.Data, ((Conv2d)fusedLayers[0]).Weight.Grad!.Data, "first convolution's weight gradient");
        AssertClose(norm.Weight.Grad!.Data, ((BatchNorm2d)fusedLayers[1]).Weight.Grad!.Data, "normalisation weight gradient");
        AssertClose(norm.Bias.Grad!.Data, ((BatchNorm2d)fusedLayers[1]).Bias.Grad!.Data, "normalisation bias gradient");
        Assert.Equal(norm.BatchesTracked.Data, ((BatchNorm2d)fusedLayers[1]).BatchesTracked.Data);

        // Inference with in-place layers: the same values as the ordinary evaluation-mode composition.
        fusedNet.Eval();
        unfused.Eval();
        Tensor inferred, expected;
        using (GradMode.NoGrad())
        {
            inferred = fusedNet.Forward(x);
            expected = conv2.Forward(Functional.Relu(norm.Forward(conv1.Forward(x))));
        }

        Assert.Equal(expected.Data, inferred.Data);
    }

    /// <summary>Equal within float rounding of differently ordered sums: 1e-5 of the largest magnitude, element by element.</summary>
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-6f, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * scale, $"{what}: element {i} is {actual[i]}, the composition gives {expected[i]}");
        }
    }
}
