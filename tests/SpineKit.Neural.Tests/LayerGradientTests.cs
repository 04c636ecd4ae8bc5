using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Tests;

/// <summary>Finite-difference checks of every layer's backward pass, inputs and parameters alike.</summary>
public sealed class LayerGradientTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, true)]
    [InlineData(2, 1, 1, 1, false)]
    [InlineData(1, 2, 2, 1, true)]
    [InlineData(2, 1, 1, 2, true)]
    public void Conv2d(int stride, int padding, int dilation, int groups, bool bias)
    {
        var random = new Random(1);
        var layer = new Conv2d(4, 6, 3, random, stride, padding, dilation, groups, bias);
        var x = GradientCheck.Normal(random, 1f, 2, 4, 7, 6);
        GradientCheck.Assert(() => layer.Forward(x), [x, .. layer.Parameters()]);
    }

    [Theory]
    [InlineData(2, 2, 0, 0, 1)]
    [InlineData(3, 2, 1, 1, 1)]
    [InlineData(3, 1, 1, 0, 2)]
    public void ConvTranspose2d(int kernel, int stride, int padding, int outputPadding, int groups)
    {
        var random = new Random(2);
        var layer = new ConvTranspose2d(4, 6, kernel, random, stride, padding, outputPadding, groups: groups);
        var x = GradientCheck.Normal(random, 1f, 2, 4, 4, 3);
        GradientCheck.Assert(() => layer.Forward(x), [x, .. layer.Parameters()]);
    }

    [Fact]
    public void Linear()
    {
        var random = new Random(3);
        var layer = new Linear(5, 3, random);
        var x = GradientCheck.Normal(random, 1f, 4, 5);
        GradientCheck.Assert(() => layer.Forward(x), [x, .. layer.Parameters()]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm2d(bool training)
    {
        var random = new Random(4);
        var layer = new BatchNorm2d(3);
        Tensor.RandomNormal(random, 1f, 3).Data.CopyTo(layer.Weight.Data, 0);
        Tensor.RandomNormal(random, 1f, 3).Data.CopyTo(layer.Bias.Data, 0);
        layer.RunningMean.Data[1] = 0.5f;
        layer.RunningVar.Data[2] = 2f;
        layer.Train(training);
        var x = GradientCheck.Normal(random, 1f, 2, 3, 4, 3);
        GradientCheck.Assert(() => layer.Forward(x), [x, .. layer.Parameters()]);
    }

    [Fact]
    public void GroupNorm()
    {
        var random = new Random(5);
        var layer = new GroupNorm(2, 4);
        Tensor.RandomNormal(random, 1f, 4).Data.CopyTo(layer.Weight.Data, 0);
        Tensor.RandomNormal(random, 1f, 4).Data.CopyTo(layer.Bias.Data, 0);
        var x = GradientCheck.Normal(random, 1f, 2, 4, 3, 3);
        GradientCheck.Assert(() => layer.Forward(x), [x, .. layer.Parameters()]);
    }

    public static TheoryData<string> Elementwise() => ["relu", "leaky", "sigmoid", "tanh", "softmax", "maxpool", "maxpool-overlap", "avgpool", "avgpool-pad", "gap", "bilinear", "nearest", "dropout"];

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void ParameterFreeLayer(string name)
    {
        UnaryModule layer = name switch
        {
            "relu" => new ReLU(),
            "leaky" => new LeakyReLU(0.1f),
            "sigmoid" => new Sigmoid(),
            "tanh" => new Tanh(),
            "softmax" => new SpatialSoftmax(),
            "maxpool" => new MaxPool2d(2),
            "maxpool-overlap" => new MaxPool2d(3, 2, 1),
            "avgpool" => new AvgPool2d(2),
            "avgpool-pad" => new AvgPool2d(3, 2, 1),
            "gap" => new GlobalAveragePool(),
            "bilinear" => new Upsample(2, UpsampleMode.Bilinear),
            "nearest" => new Upsample(3, UpsampleMode.Nearest),
            _ => new Dropout(0.3f, new Random(9)),
        };
        var x = GradientCheck.Distinct(new Random(6), 2, 3, 6, 5);
        if (layer is Dropout)
        {
            // A fresh, identically seeded layer per call keeps the mask fixed across the finite differences.
            GradientCheck.Assert(() => new Dropout(0.3f, new Random(9)).Forward(x), [x]);
            return;
        }

        GradientCheck.Assert(() => layer.Forward(x), [x]);
    }

    [Fact]
    public void ConcatAddMul()
    {
        var random = new Random(7);
        var a = GradientCheck.Normal(random, 1f, 2, 3, 4, 4);
        var b = GradientCheck.Normal(random, 1f, 2, 2, 4, 4);
        var c = GradientCheck.Normal(random, 1f, 2, 5, 1, 1);
        var d = GradientCheck.Normal(random, 1f, 5, 4, 1);
        GradientCheck.Assert(() => new Mul().Forward(new Add().Forward(new Concat().Forward(a, b), d), c), [a, b, c, d]);
    }

    [Fact]
    public void SequentialAndResidualBlock()
    {
        var random = new Random(8);
        var net = new Sequential(new ResidualBlock(3, 4, random, stride: 2), new ResidualBlock(4, 4, random));
        var x = GradientCheck.Normal(random, 1f, 2, 3, 6, 6);
        // Hidden ReLUs see arbitrary values, so a small step keeps kinks out of the differences.
        GradientCheck.Assert(() => net.Forward(x), [x, .. net.Parameters()], samples: 12, step: 5e-4f);
    }

    [Fact]
    public void SqueezeExcitation()
    {
        var random = new Random(9);
        var block = new SqueezeExcitation(8, random, reduction: 2);
        var x = GradientCheck.Normal(random, 1f, 2, 8, 3, 3);
        GradientCheck.Assert(() => block.Forward(x), [x, .. block.Parameters()]);
    }

    [Fact]
    public void AttentionGate()
    {
        var random = new Random(10);
        var gate = new AttentionGate(4, 3, 5, random);
        var g = GradientCheck.Normal(random, 1f, 2, 4, 3, 3);
        var x = GradientCheck.Normal(random, 1f, 2, 3, 3, 3);
        GradientCheck.Assert(() => gate.Forward(g, x), [g, x, .. gate.Parameters()], step: 5e-4f);
    }

    [Fact]
    public void LargeUNetStepIsRightWhileGradientArraysAreRecycled()
    {
        // 4 x 64 x 64 maps are large enough for the backward pass to recycle gradient arrays between operations.
        var random = new Random(13);
        var stem = new Sequential(new Conv2d(2, 4, 3, random, padding: 1, bias: false), new BatchNorm2d(4), new ReLU());
        var deep = new Sequential(new Conv2d(4, 8, 3, random, padding: 1), new ReLU());
        var up = new ConvTranspose2d(8, 4, 2, random, stride: 2);
        var fuse = new Conv2d(8, 4, 3, random, padding: 1);
        var x = GradientCheck.Normal(random, 1f, 1, 2, 64, 64);
        Tensor Net()
        {
            var a = stem.Forward(x);
            var b = up.Forward(deep.Forward(Functional.MaxPool2d(a, 2)));
            return Functional.Square(fuse.Forward(Functional.Concat(1, b, a)) + a).Mean();
        }

        GradientCheck.Assert(Net, [x, .. stem.Parameters(), .. deep.Parameters(), .. up.Parameters(), .. fuse.Parameters()], samples: 6, step: 5e-4f);
    }
}
