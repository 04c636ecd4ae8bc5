using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Segmentation.Networks;

/// <summary>
/// A U-Net over one grey channel with per-pixel logits of <see cref="SegmentationNetConfig.Classes"/>
/// classes at the input resolution. The encoder level is a <see cref="DoubleConv"/>, a
/// <see cref="ResidualBlock"/> or a <see cref="SeResidualBlock"/> by architecture, with 2x max-pooling
/// between levels; the decoder upsamples by a 2x2 stride-2 transposed convolution, optionally passes the
/// skip through an <see cref="AttentionGate"/> driven by the upsampled features, concatenates and applies
/// a <see cref="DoubleConv"/>. The decoder is the same in every variant, so the ablation isolates the
/// encoder blocks and the gates.
/// </summary>
public sealed class SegmentationNet : Module, IOnnxExportable
{
    private readonly UnaryModule[] _encoder;
    private readonly ConvTranspose2d[] _up;
    private readonly AttentionGate?[] _gates;
    private readonly DoubleConv[] _decoder;
    private readonly Conv2d _head;

    /// <summary>Builds the network; weights drawn from <paramref name="random"/>.</summary>
    public SegmentationNet(SegmentationNetConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        config.Validate();
        Config = config;
        var widths = config.Widths;
        var levels = widths.Length;
        _encoder = new UnaryModule[levels];
        for (var i = 0; i < levels; i++)
        {
            var inChannels = i == 0 ? 1 : widths[i - 1];
            _encoder[i] = RegisterModule($"enc{i}", EncoderBlock(config.Architecture, inChannels, widths[i], random));
        }

        _up = new ConvTranspose2d[levels - 1];
        _gates = new AttentionGate?[levels - 1];
        _decoder = new DoubleConv[levels - 1];
        for (var i = levels - 2; i >= 0; i--)
        {
            _up[i] = RegisterModule($"up{i}", new ConvTranspose2d(widths[i + 1], widths[i], 2, random, stride: 2));
            if (config.Architecture == SegmentationArchitecture.AttentionSeResidual)
            {
                _gates[i] = RegisterModule($"gate{i}", new AttentionGate(widths[i], widths[i], Math.Max(1, widths[i] / 2), random));
            }

            _decoder[i] = RegisterModule($"dec{i}", new DoubleConv(2 * widths[i], widths[i], random));
        }

        _head = RegisterModule("head", new Conv2d(widths[0], SegmentationNetConfig.Classes, 1, random));
    }

    /// <summary>The shape this network was built with.</summary>
    public SegmentationNetConfig Config { get; }

    /// <summary>Maps <c>[N, 1, H, W]</c> grey to <c>[N, 3, H, W]</c> class logits.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != 1 || input.Size(2) % Config.Stride != 0 || input.Size(3) % Config.Stride != 0)
        {
            throw new ArgumentException($"SegmentationNet expects [N, 1, H, W] with sides multiples of {Config.Stride}, not [{string.Join(", ", input.Shape)}].", nameof(input));
        }

        var skips = new Tensor[_encoder.Length];
        var x = input;
        for (var i = 0; i < _encoder.Length; i++)
        {
            if (i > 0)
            {
                x = Functional.MaxPool2d(x, 2);
            }

            x = _encoder[i].Forward(x);
            skips[i] = x;
        }

        for (var i = _encoder.Length - 2; i >= 0; i--)
        {
            var up = _up[i].Forward(x);
            var skip = _gates[i]?.Forward(up, skips[i]) ?? skips[i];
            x = _decoder[i].Forward(Functional.Concat(1, skip, up));
        }

        return _head.Forward(x);
    }

    private static UnaryModule EncoderBlock(SegmentationArchitecture architecture, int inChannels, int outChannels, Random random) => architecture switch
    {
        SegmentationArchitecture.Plain => new DoubleConv(inChannels, outChannels, random),
        SegmentationArchitecture.Residual => new ResidualBlock(inChannels, outChannels, random),
        _ => new SeResidualBlock(inChannels, outChannels, random),
    };

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var skips = new string[_encoder.Length];
        var x = input;
        for (var i = 0; i < _encoder.Length; i++)
        {
            if (i > 0)
            {
                x = graph.MaxPool(x, 2, 2, 0);
            }

            x = graph.Apply(_encoder[i], x);
            skips[i] = x;
        }

        for (var i = _encoder.Length - 2; i >= 0; i--)
        {
            var up = graph.Apply(_up[i], x);
            var skip = _gates[i]?.ExportOnnx(graph, up, skips[i]) ?? skips[i];
            x = graph.Apply(_decoder[i], graph.ConcatChannels(skip, up));
        }

        return graph.Apply(_head, x);
    }
}
