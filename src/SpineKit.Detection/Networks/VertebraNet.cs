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
    private readonly Conv2d[] _laterals;
    private readonly ConvBnRelu[] _smoothers;
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

        // Laterals for strides 4, 8, 16, 32 (stages 1..4); the decoder adds them top-down.
        _laterals = new Conv2d[4];
        _smoothers = new ConvBnRelu[3];
        for (var i = 0; i < 4; i++)
        {
            _laterals[i] = RegisterModule($"lat{i + 1}", new Conv2d(widths[i + 1], config.DecoderWidth, 1, random));
        }

        for (var i = 0; i < 3; i++)
        {
            _smoothers[i] = RegisterModule($"dec{i + 1}", new ConvBnRelu(config.DecoderWidth, config.DecoderWidth, random));
        }

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
        var features = _encoder.Forward(input);

        // Top-down pathway: stride 32 -> 16 -> 8 -> 4.
        var top = _laterals[3].Forward(features[4]);
        for (var level = 2; level >= 0; level--)
        {
            var upsampled = Functional.UpsampleNearest(top, 2);
            top = _smoothers[level].Forward(upsampled + _laterals[level].Forward(features[level + 1]));
        }

        return _headOut.Forward(_headHidden.Forward(top));
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var features = _encoder.ExportOnnx(graph, input);

        var top = graph.Apply(_laterals[3], features[4]);
        for (var level = 2; level >= 0; level--)
        {
            var upsampled = graph.Upsample(top, 2, UpsampleMode.Nearest);
            top = graph.Apply(_smoothers[level], graph.Add(upsampled, graph.Apply(_laterals[level], features[level + 1])));
        }

        return graph.Apply(_headOut, graph.Apply(_headHidden, top));
    }
}
