using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>
/// The ResNet basic block: <c>relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))</c>, where the
/// shortcut is the identity or, when the shape changes, a 1x1 convolution and batch norm
/// (names <c>conv1, bn1, conv2, bn2, shortcut.0, shortcut.1</c>).
/// </summary>
public sealed class ResidualBlock : UnaryModule, IOnnxExportable
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _shortcut;

    /// <summary>Creates the block with 3x3 convolutions; <paramref name="stride"/> applies to the first.</summary>
    public ResidualBlock(int inChannels, int outChannels, Random random, int stride = 1)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, random, stride, 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, random, 1, 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
        {
            _shortcut = RegisterModule("shortcut", new Sequential(
                new Conv2d(inChannels, outChannels, 1, random, stride, bias: false),
                new BatchNorm2d(outChannels)));
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var y = _bn1.ForwardRelu(_conv1.Forward(input));
        y = _bn2.Forward(_conv2.Forward(y));
        return Functional.Relu(y + (_shortcut?.Forward(input) ?? input));
    }

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var y = graph.Relu(graph.Apply(_bn1, graph.Apply(_conv1, input)));
        y = graph.Apply(_bn2, graph.Apply(_conv2, y));
        return graph.Relu(graph.Add(y, _shortcut is null ? input : graph.Apply(_shortcut, input)));
    }
}
