using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Segmentation.Networks;

/// <summary>The plain U-Net level: two 3x3 convolution-BN-ReLU layers.</summary>
internal sealed class DoubleConv : UnaryModule, IOnnxExportable
{
    private readonly ConvBnRelu _first;
    private readonly ConvBnRelu _second;

    /// <summary>Creates the two layers; weights drawn from <paramref name="random"/>.</summary>
    public DoubleConv(int inChannels, int outChannels, Random random)
    {
        _first = RegisterModule("conv1", new ConvBnRelu(inChannels, outChannels, random));
        _second = RegisterModule("conv2", new ConvBnRelu(outChannels, outChannels, random));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _second.Forward(_first.Forward(input));

    /// <inheritdoc />
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Apply(_second, graph.Apply(_first, input));
}
