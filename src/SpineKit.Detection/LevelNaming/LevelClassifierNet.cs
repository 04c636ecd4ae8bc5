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
    private readonly StridedEncoder _encoder;
    private readonly ConvBnRelu _head;
    private readonly Linear _classifier;

    /// <summary>Builds the network with weights drawn from <paramref name="random"/>.</summary>
    public LevelClassifierNet(LevelClassifierConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _encoder = new StridedEncoder(1, config.EncoderWidths, random, RegisterModule);
        _head = RegisterModule("head", new ConvBnRelu(config.EncoderWidths[^1], config.HeadWidth, random, kernelSize: 1));
        _classifier = RegisterModule("out", new Linear(config.HeadWidth * config.FeatureSize * config.FeatureSize, LevelClassifierConfig.Classes.Count, random));
    }

    /// <summary>The design the network was built with.</summary>
    public LevelClassifierConfig Config { get; }

    /// <summary>Maps crops <c>[N, 1, S, S]</c> to class logits <c>[N, classes]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = _head.Forward(_encoder.Forward(input)[^1]);
        return _classifier.Forward(Functional.Reshape(x, x.Size(0), x.Length / x.Size(0)));
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (the class logits, evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var flat = graph.Node("Flatten", [graph.Apply(_head, _encoder.ExportOnnx(graph, input)[^1])], OnnxAttribute.Int("axis", 1));
        return graph.Apply(_classifier, flat);
    }
}
