using Microsoft.ML.OnnxRuntime;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Tests.Onnx;

/// <summary>
/// Each generic layer's ONNX export, run in ONNX Runtime (an independent implementation of every operator),
/// computes what the layer's evaluation-mode <c>Forward</c> computes, within 1e-5 relative.
/// </summary>
public sealed class OnnxLayerExportTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void EveryUnaryLayerMatchesOnnxRuntime()
    {
        var random = new Random(7);
        var network = new Sequential(
            new Conv2d(3, 8, 3, random, padding: 1),
            RandomStatistics(new BatchNorm2d(8, epsilon: 1e-3f), random),
            new LeakyReLU(0.05f),
            new MaxPool2d(3, 2, 1),
            new ResidualBlock(8, 12, random, stride: 2),
            new SqueezeExcitation(12, random),
            new GroupNorm(3, 12),
            new Tanh(),
            new Upsample(2, UpsampleMode.Bilinear),
            new ConvTranspose2d(12, 6, 3, random, stride: 2, padding: 1, outputPadding: 1),
            new AvgPool2d(3, 1, 1),
            new Dropout(0.5f, random),
            new Conv2d(6, 4, 3, random, padding: 2, dilation: 2, groups: 2, bias: false),
            new ReLU(),
            new Upsample(2, UpsampleMode.Nearest),
            new Sigmoid(),
            new ResidualBlock(4, 4, random),
            new SpatialSoftmax());
        RandomizeBatchNorms(network, random);
        network.Eval();

        var graph = new OnnxGraphBuilder("layers", network);
        graph.AddOutput(graph.Apply(network, graph.AddInput("x", 3)), "y", 4);
        var bytes = graph.ToModelBytes(new Dictionary<string, string> { ["purpose"] = "test" }, "every layer", "test");

        using var session = new InferenceSession(bytes);
        Assert.Equal("test", session.ModelMetadata.CustomMetadataMap["purpose"]);
        foreach (var (batch, height, width) in new[] { (1, 20, 28), (2, 16, 12) })
        {
            var x = RandomInput(random, batch, 3, height, width);
            Tensor expected;
            using (GradMode.NoGrad())
            {
                expected = network.Forward(x);
            }

            AssertClose(expected, Run(session, ("x", x)), $"{batch}x{height}x{width}");
        }
    }

    [Fact]
    public void TwoInputLayersMatchOnnxRuntime()
    {
        var random = new Random(11);
        var gate = new AttentionGate(6, 4, 3, random);
        gate.Eval();
        var graph = new OnnxGraphBuilder("gates", gate);
        var g = graph.AddInput("g", 6);
        var x = graph.AddInput("x", 4);
        var gated = gate.ExportOnnx(graph, g, x);
        var joined = Concat.ExportOnnx(graph, gated, x);
        var output = Mul.ExportOnnx(graph, Add.ExportOnnx(graph, joined, joined), joined);
        graph.AddOutput(output, "y", 8);
        using var session = new InferenceSession(graph.ToModelBytes(new Dictionary<string, string>(), "gate", "test"));

        var gateInput = RandomInput(random, 2, 6, 9, 7);
        var skip = RandomInput(random, 2, 4, 9, 7);
        Tensor expected;
        using (GradMode.NoGrad())
        {
            var attended = new Concat().Forward(gate.Forward(gateInput, skip), skip);
            expected = new Mul().Forward(new Add().Forward(attended, attended), attended);
        }

        AssertClose(expected, Run(session, ("g", gateInput), ("x", skip)), "gate");
    }

    [Fact]
    public void ALayerWithoutOnnxFormIsNamed()
    {
        var graph = new OnnxGraphBuilder("unsupported");
        var input = graph.AddInput("x", 1);
        var error = Assert.Throws<NotSupportedException>(() => graph.Apply(new Opaque(), input));
        Assert.Contains(nameof(Opaque), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeReadingAnUndefinedValueIsRefused()
    {
        var graph = new OnnxGraphBuilder("broken");
        graph.AddInput("x", 1);
        Assert.Throws<ArgumentException>(() => graph.Node("Relu", ["nowhere"]));
    }

    private static BatchNorm2d RandomStatistics(BatchNorm2d norm, Random random)
    {
        for (var c = 0; c < norm.Weight.Length; c++)
        {
            norm.Weight.Data[c] = (float)(0.5 + random.NextDouble());
            norm.Bias.Data[c] = (float)(random.NextDouble() - 0.5);
            norm.RunningMean.Data[c] = (float)(random.NextDouble() - 0.5);
            norm.RunningVar.Data[c] = (float)(0.2 + random.NextDouble());
        }

        return norm;
    }

    private static void RandomizeBatchNorms(Module network, Random random)
    {
        foreach (var (name, tensor) in network.StateDict())
        {
            if (name.EndsWith("running_var", StringComparison.Ordinal))
            {
                for (var i = 0; i < tensor.Length; i++)
                {
                    tensor.Data[i] = (float)(0.2 + random.NextDouble());
                }
            }
            else if (name.EndsWith("running_mean", StringComparison.Ordinal))
            {
                for (var i = 0; i < tensor.Length; i++)
                {
                    tensor.Data[i] = (float)(random.NextDouble() - 0.5);
                }
            }
        }
    }

    private static Tensor RandomInput(Random random, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 4 - 2);
        }

        return new Tensor(data, shape);
    }

    private static float[] Run(InferenceSession session, params (string Name, Tensor Value)[] inputs)
    {
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory((float[])i.Value.Data.Clone(), i.Value.Shape.Select(d => (long)d).ToArray())).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, ["y"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static void AssertClose(Tensor expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-6, expected.Data.Max(v => Math.Abs(v)));
        for (var i = 0; i < actual.Length; i++)
        {
            var difference = Math.Abs(actual[i] - expected.Data[i]) / scale;
            Assert.True(difference <= Tolerance, $"{what}: element {i} is {actual[i]} in ONNX Runtime and {expected.Data[i]} in the engine (difference {difference:g3} of the largest value).");
        }
    }

    private sealed class Opaque : UnaryModule
    {
        public override Tensor Forward(Tensor input) => input;
    }
}
