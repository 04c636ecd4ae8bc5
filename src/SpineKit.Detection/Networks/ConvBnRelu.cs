using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Networks;

/// <summary>3x3 (or 1x1) convolution without bias, batch normalisation and ReLU: the unit every stage is built of.</summary>
internal sealed class ConvBnRelu : UnaryModule, IOnnxExportable
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _norm;

    /// <summary>Creates the block; <paramref name="stride"/> 2 halves the resolution.</summary>
    public ConvBnRelu(int inChannels, int outChannels, Random random, int kernelSize = 3, int stride = 1)
    {
        _conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, kernelSize, random, stride, kernelSize / 2, bias: false));
        _norm = RegisterModule("bn", new BatchNorm2d(outChannels));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => _norm.ForwardRelu(_conv.Forward(input));

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Relu(graph.Apply(_norm, graph.Apply(_conv, input)));
}
