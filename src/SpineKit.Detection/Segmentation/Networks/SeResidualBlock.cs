using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Segmentation.Networks;

/// <summary>
/// A residual block whose residual branch is rescaled per channel by squeeze-and-excitation before the
/// shortcut is added (SE-ResNet): conv-BN-ReLU, conv-BN, SE, + shortcut (1x1 conv-BN when the width
/// changes), ReLU.
/// </summary>
internal sealed class SeResidualBlock : UnaryModule, IOnnxExportable
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly SqueezeExcitation _excitation;
    private readonly Sequential? _shortcut;

    /// <summary>Creates the block; weights drawn from <paramref name="random"/>.</summary>
    public SeResidualBlock(int inChannels, int outChannels, Random random)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, random, 1, 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, random, 1, 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        _excitation = RegisterModule("se", new SqueezeExcitation(outChannels, random));
        if (inChannels != outChannels)
        {
            _shortcut = RegisterModule("shortcut", new Sequential(
                new Conv2d(inChannels, outChannels, 1, random, bias: false),
                new BatchNorm2d(outChannels)));
        }
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var y = _bn1.ForwardRelu(_conv1.Forward(input));
        y = _excitation.Forward(_bn2.Forward(_conv2.Forward(y)));
        return Functional.Relu(y + (_shortcut?.Forward(input) ?? input));
    }

    /// <inheritdoc />
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var y = graph.Relu(graph.Apply(_bn1, graph.Apply(_conv1, input)));
        y = graph.Apply(_excitation, graph.Apply(_bn2, graph.Apply(_conv2, y)));
        return graph.Relu(graph.Add(y, _shortcut is null ? input : graph.Apply(_shortcut, input)));
    }
}
