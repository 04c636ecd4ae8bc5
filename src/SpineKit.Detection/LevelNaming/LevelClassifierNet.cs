using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// The level classifier: a four-stage encoder (strides 2..16) over a wide crop around one vertebra, a 1x1
/// convolution and one fully connected layer over the whole last feature map to the level classes. The map is
/// flattened rather than pooled because where things are matters: ribs beside the body, the sacrum below it.
/// </summary>
internal sealed class LevelClassifierNet : Module, IOnnxExportable
{
    private readonly ConvBnRelu[] _stages = new ConvBnRelu[4];
    private readonly ConvBnRelu[] _stageRefinements = new ConvBnRelu[4];
    private readonly ConvBnRelu _head;
    private readonly Linear _classifier;

    /// <summary>Builds the network with weights drawn from <paramref name="random"/>.</summary>
    public LevelClassifierNet(LevelClassifierConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var inChannels = 1;
        for (var i = 0; i < 4; i++)
        {
            _stages[i] = RegisterModule($"enc{i}", new ConvBnRelu(inChannels, config.EncoderWidths[i], random, stride: 2));
            _stageRefinements[i] = RegisterModule($"enc{i}b", new ConvBnRelu(config.EncoderWidths[i], config.EncoderWidths[i], random));
            inChannels = config.EncoderWidths[i];
        }

        _head = RegisterModule("head", new ConvBnRelu(inChannels, config.HeadWidth, random, kernelSize: 1));
        _classifier = RegisterModule("out", new Linear(config.HeadWidth * config.FeatureSize * config.FeatureSize, LevelClassifierConfig.Classes.Count, random));
    }

    /// <summary>The design the network was built with.</summary>
    public LevelClassifierConfig Config { get; }

    /// <summary>Maps crops <c>[N, 1, S, S]</c> to class logits <c>[N, classes]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (var i = 0; i < 4; i++)
        {
            x = _stageRefinements[i].Forward(_stages[i].Forward(x));
        }

        x = _head.Forward(x);
        return _classifier.Forward(Functional.Reshape(x, x.Size(0), x.Length / x.Size(0)));
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (the class logits, evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = input;
        for (var i = 0; i < 4; i++)
        {
            x = graph.Apply(_stageRefinements[i], graph.Apply(_stages[i], x));
        }

        var flat = graph.Node("Flatten", [graph.Apply(_head, x)], OnnxAttribute.Int("axis", 1));
        return graph.Apply(_classifier, flat);
    }
}
