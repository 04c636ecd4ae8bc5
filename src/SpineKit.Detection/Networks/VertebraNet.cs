using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Networks;

/// <summary>
/// The landmark network: a five-stage convolutional encoder (strides 2..32) and a feature-pyramid
/// decoder back to stride 4, where a head predicts per cell a vertebra-centre logit and the offsets
/// from the cell centre to the vertebra's four corners. One shared centre channel lets every vertebra
/// teach the detector (17 positives per image instead of one per channel), which is what makes it
/// converge within a CPU training budget; level names come from anatomical order, not from channels.
/// </summary>
public sealed class VertebraNet : Module, IOnnxExportable
{
    private readonly StridedEncoder _encoder;
    private readonly PyramidDecoder _decoder;
    private readonly ConvBnRelu _headHidden;
    private readonly Conv2d _headOut;

    /// <summary>Builds the network with weights drawn from <paramref name="random"/>.</summary>
    public VertebraNet(VertebraNetConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var widths = config.EncoderWidths;
        _encoder = new StridedEncoder(config.InputChannels, widths, random, RegisterModule);
        _decoder = new PyramidDecoder(widths, config.DecoderWidth, random, RegisterModule, RegisterModule);

        _headHidden = RegisterModule("head", new ConvBnRelu(config.DecoderWidth, config.DecoderWidth, random));
        _headOut = RegisterModule("out", new Conv2d(config.DecoderWidth, config.OutputChannels, 1, random));

        // Start the centre logit at a low prior (as CenterNet does) so early training is not swamped by negatives.
        _headOut.Bias!.Data[0] = -2.19f;
    }

    /// <summary>The configuration the network was built with.</summary>
    public VertebraNetConfig Config { get; }

    /// <summary>
    /// Maps <c>[N, 1 + hints, H, W]</c> to <c>[N, 9 or 10, H/4, W/4]</c>: channel 0 the centre logit,
    /// channels 1..8 the (dx, dy) offsets, in output cells, from the cell centre to the tl, tr, bl, br
    /// corners, channel 9 (with <see cref="VertebraNetConfig.LevelChannel"/>) the scaled level index
    /// (see <see cref="Codecs.VertebraCenterCodec"/>).
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Top-down pathway: stride 32 -> 16 -> 8 -> 4.
        var top = _decoder.Forward(_encoder.Forward(input));
        return _headOut.Forward(_headHidden.Forward(top));
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var top = _decoder.ExportOnnx(graph, _encoder.ExportOnnx(graph, input));
        return graph.Apply(_headOut, graph.Apply(_headHidden, top));
    }
}
