using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// The corner refiner: a four-stage encoder (strides 2..16) over one vertebra's crop, then one of two heads
/// (<see cref="CornerRefinerHead"/>). The heatmap head is a feature-pyramid decoder back to stride 4 ending in one
/// heatmap per corner (tl, tr, bl, br); a spatial soft-argmax turns each into sub-pixel coordinates (DSNT), so the
/// corners are regressed directly and the loss is in pixels, while the heatmaps keep the spatial layout. The
/// regression head maps the flattened stride-16 features to the eight coordinates with one fully connected layer.
/// </summary>
internal sealed class CornerRefinerNet : Module, IOnnxExportable
{
    private readonly StridedEncoder _encoder;
    private readonly PyramidDecoder? _decoder;
    private readonly ConvBnRelu _headHidden;
    private readonly UnaryModule _headOut;

    /// <summary>Builds the network with weights drawn from <paramref name="random"/>.</summary>
    public CornerRefinerNet(CornerRefinerConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        _encoder = new StridedEncoder(1, config.EncoderWidths, random, RegisterModule);

        if (config.Head == CornerRefinerHead.Regression)
        {
            var cells = config.CropSize / 16;
            _headHidden = RegisterModule("head", new ConvBnRelu(config.EncoderWidths[^1], config.DecoderWidth, random, kernelSize: 1));
            var output = RegisterModule("out", new Linear(config.DecoderWidth * cells * cells, 8, random));
            StartAtTheFrame(output.Bias!, config);
            _headOut = output;
            return;
        }

        // The heatmap head: laterals for strides 4, 8, 16 (stages 1..3), added top-down; null for the regression head.
        _decoder = new PyramidDecoder(config.EncoderWidths, config.DecoderWidth, random, RegisterModule, RegisterModule);

        _headHidden = RegisterModule("head", new ConvBnRelu(config.DecoderWidth, config.DecoderWidth, random));
        _headOut = RegisterModule("out", new Conv2d(config.DecoderWidth, 4, 1, random));
    }

    /// <summary>The design the network was built with.</summary>
    public CornerRefinerConfig Config { get; }

    /// <summary>
    /// Maps crops <c>[N, 1, S, S]</c> to the head's raw output: the four corner heatmaps' logits <c>[N, 4, S/4, S/4]</c>,
    /// or the eight regressed coordinates <c>[N, 8]</c> (output cells from the crop's centre).
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var features = _encoder.Forward(input);

        if (_decoder is null)
        {
            // Regression head. The fully connected layer fixes the input's size; say so rather than fail on a shape inside it.
            if (input.Size(2) != Config.CropSize || input.Size(3) != Config.CropSize)
            {
                throw new ArgumentException($"The regression refiner takes {Config.CropSize}x{Config.CropSize} crops, not {input.Size(3)}x{input.Size(2)}.", nameof(input));
            }

            var x = _headHidden.Forward(features[^1]);
            return _headOut.Forward(Functional.Reshape(x, x.Size(0), x.Length / x.Size(0)));
        }

        return _headOut.Forward(_headHidden.Forward(_decoder.Forward(features)));
    }

    /// <summary>
    /// The corners in crop pixels <c>[N, 4, 2]</c> (x, y; pixel centres at integer + 0.5), read from either head's
    /// output by <see cref="CornersFrom"/>.
    /// </summary>
    public Tensor Corners(Tensor input) => CornersFrom(Forward(input));

    /// <summary>
    /// The corners in crop pixels <c>[N, 4, 2]</c> from what <see cref="Forward"/> returns. Both heads give output cells
    /// (stride 4); a regression output of zero is the crop's centre, where a flat heatmap's soft-argmax also lies.
    /// </summary>
    public Tensor CornersFrom(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cells = Config.Head == CornerRefinerHead.Regression
            ? Functional.Affine(Functional.Reshape(output, output.Size(0), 4, 2), 1f, (Config.OutputSize - 1) / 2f)
            : SoftArgmax.Coordinates(output);
        return Functional.Affine(cells, CornerRefinerConfig.OutputStride, CornerRefinerConfig.OutputStride / 2f);
    }

    /// <summary>
    /// Sets the regression layer's bias to the corners of the square a vertebra fills in its crop (the crop is
    /// <see cref="CornerRefinerConfig.Context"/> times its larger side), so an untrained head starts at "the frame is
    /// right" rather than with every corner at the centre, which the bias alone would take thousands of steps to leave.
    /// </summary>
    private static void StartAtTheFrame(Tensor bias, CornerRefinerConfig config)
    {
        var half = (float)(config.OutputSize / (2 * config.Context));
        float[] signs = [-1, -1, 1, -1, -1, 1, 1, 1];
        for (var i = 0; i < signs.Length; i++)
        {
            bias.Data[i] = signs[i] * half;
        }
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (the head's raw output, evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var features = _encoder.ExportOnnx(graph, input);

        if (_decoder is null)
        {
            return graph.Apply(_headOut, graph.Node("Flatten", [graph.Apply(_headHidden, features[^1])], OnnxAttribute.Int("axis", 1)));
        }

        return graph.Apply(_headOut, graph.Apply(_headHidden, _decoder.ExportOnnx(graph, features)));
    }
}
