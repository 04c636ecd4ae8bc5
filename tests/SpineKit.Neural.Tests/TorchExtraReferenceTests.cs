using SpineKit.Neural.Losses;
using SpineKit.Neural.Optimization;
using SpineKit.Neural.Persistence;

namespace SpineKit.Neural.Tests;

/// <summary>
/// Layers, losses, optimisers and schedulers outside RefNet, against PyTorch 1.13 results stored in
/// Fixtures/torch-extra.safetensors (made by Fixtures/make_extra_reference.py).
/// </summary>
public sealed class TorchExtraReferenceTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, Tensor>> Stored = new(() =>
        SafeTensorsReader.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch-extra.safetensors")).Tensors);

    public static TheoryData<string> Cases() =>
        ["groupnorm", "avgpool", "maxpool", "nearest", "bilinear", "leaky", "tanh", "softmax", "groupedconv", "convtranspose", "linear"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void LayerMatchesPyTorch(string name)
    {
        var x = Input(name, "x");
        var w = Stored.Value.ContainsKey($"{name}.w") ? Input(name, "w") : null;
        var b = Stored.Value.ContainsKey($"{name}.b") ? Input(name, "b") : null;
        var output = name switch
        {
            "groupnorm" => Functional.GroupNorm(x, 2, w, b),
            "avgpool" => Functional.AvgPool2d(x, 3, 2, 1),
            "maxpool" => Functional.MaxPool2d(x, 3, 2, 1),
            "nearest" => Functional.UpsampleNearest(x, 3),
            "bilinear" => Functional.UpsampleBilinear(x, 3),
            "leaky" => Functional.LeakyRelu(x, 0.2f),
            "tanh" => Functional.Tanh(x),
            "softmax" => Functional.SpatialSoftmax(x),
            "groupedconv" => Functional.Conv2d(x, w!, b, stride: 2, padding: 1, groups: 2),
            "convtranspose" => Functional.ConvTranspose2d(x, w!, b, stride: 2, padding: 1, outputPadding: 1, groups: 2),
            _ => Functional.Linear(x, w!, b),
        };
        AssertClose($"{name}.out", output);
        Functional.Sum(output * Stored.Value[$"{name}.r"]).Backward();
        AssertClose($"{name}.grad.x", x.Grad!);
        if (w is not null)
        {
            AssertClose($"{name}.grad.w", w.Grad!);
        }

        if (b is not null)
        {
            AssertClose($"{name}.grad.b", b.Grad!);
        }
    }

    public static TheoryData<string> Losses() => ["bce", "focal", "dice", "mse", "l1", "smoothl1", "crossentropy"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void LossMatchesPyTorch(string name)
    {
        var logits = Stored.Value["loss.logits"].Clone();
        logits.RequiresGrad = true;
        var mask = Stored.Value["loss.mask"];
        var values = Stored.Value["loss.values"];
        var loss = name switch
        {
            "bce" => new BceWithLogitsLoss(3f).Forward(logits, mask),
            "focal" => new FocalLoss(2f, 0.25f).Forward(logits, mask),
            "dice" => new DiceLoss(1f).Forward(logits, mask),
            "mse" => new MseLoss().Forward(logits, values),
            "l1" => new L1Loss().Forward(logits, values),
            "smoothl1" => new SmoothL1Loss(0.5f).Forward(logits, values),
            _ => new CrossEntropyLoss().Forward(logits, [.. Stored.Value["loss.classes"].Data.Select(c => (int)c)]),
        };
        AssertClose($"loss.{name}", loss);
        loss.Backward();
        AssertClose($"loss.{name}.grad", logits.Grad!);
    }

    public static TheoryData<string> Optimizers() => ["sgd", "sgdplain", "adam", "adamw"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerMatchesPyTorch(string name)
    {
        var p = Stored.Value["opt.p0"].Clone();
        p.RequiresGrad = true;
        Optimizer optimizer = name switch
        {
            "sgd" => new Sgd([p], 0.1f, momentum: 0.9f, nesterov: true, weightDecay: 1e-2f),
            "sgdplain" => new Sgd([p], 0.1f, momentum: 0.8f, dampening: 0.1f),
            "adam" => new Adam([p], 0.01f, 0.8f, 0.99f, 1e-6f, 1e-2f),
            _ => new AdamW([p], 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f),
        };
        for (var i = 0; i < 3; i++)
        {
            p.Grad = Stored.Value[$"opt.g{i}"].Clone();
            optimizer.Step();
        }

        AssertClose($"opt.{name}", p);
    }

    [Fact]
    public void StepSchedulerMatchesPyTorch()
    {
        var optimizer = new Sgd([Tensor.Zeros(1)], 1f);
        var scheduler = new StepScheduler(optimizer, 2, 0.5f);
        var rates = new float[7];
        for (var i = 0; i < rates.Length; i++)
        {
            scheduler.Step();
            rates[i] = optimizer.LearningRate;
        }

        AssertClose("sched.step", new Tensor(rates, rates.Length));
    }

    [Fact]
    public void ReduceOnPlateauMatchesPyTorch()
    {
        var optimizer = new Sgd([Tensor.Zeros(1)], 1f);
        var scheduler = new ReduceOnPlateauScheduler(optimizer, 0.5f, patience: 2, threshold: 1e-2f, cooldown: 1, minimumLearningRate: 0.1f);
        var metrics = Stored.Value["sched.plateau.metrics"].Data;
        var rates = new float[metrics.Length];
        for (var i = 0; i < metrics.Length; i++)
        {
            scheduler.Step(metrics[i]);
            rates[i] = optimizer.LearningRate;
        }

        AssertClose("sched.plateau", new Tensor(rates, rates.Length));
    }

    [Fact]
    public void GradientNormClippingMatchesPyTorch()
    {
        var a = Tensor.Zeros(3, 4);
        var b = Tensor.Zeros(5);
        a.Grad = Stored.Value["clip.a"].Clone();
        b.Grad = Stored.Value["clip.b"].Clone();
        var norm = GradientClipping.ClipByNorm([a, b], 1.5);
        AssertClose("clip.norm", Tensor.Scalar((float)norm));
        AssertClose("clip.a.out", a.Grad);
        AssertClose("clip.b.out", b.Grad);
    }

    private static Tensor Input(string name, string input)
    {
        var t = Stored.Value[$"{name}.{input}"].Clone();
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertClose(string name, Tensor actual)
    {
        var expected = Stored.Value[name];
        Assert.Equal(expected.Shape, actual.Shape);
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = Math.Max(1e-5, 1e-4 * Math.Abs(expected.Data[i]));
            Assert.True(Math.Abs(actual.Data[i] - expected.Data[i]) <= allowed, $"{name}[{i}]: {actual.Data[i]} vs PyTorch {expected.Data[i]}");
        }
    }
}
