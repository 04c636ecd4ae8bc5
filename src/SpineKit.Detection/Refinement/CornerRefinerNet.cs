using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// The corner refiner: a four-stage encoder (strides 2..16) over one vertebra's crop and a feature-pyramid
/// decoder back to stride 4, ending in one heatmap per corner (tl, tr, bl, br). A spatial soft-argmax turns
/// each heatmap into sub-pixel coordinates (DSNT), so the corners are regressed directly and the loss is in
/// pixels, while the heatmaps keep the spatial layout that plain regression from pooled features loses.
/// </summary>
internal sealed class CornerRefinerNet : Module, IOnnxExportable
{
    private readonly ConvBnRelu[] _stages = new ConvBnRelu[4];
    private readonly ConvBnRelu[] _stageRefinements = new ConvBnRelu[4];
    private readonly Conv2d[] _laterals = new Conv2d[3];
    private readonly ConvBnRelu[] _smoothers = new ConvBnRelu[2];
    private readonly ConvBnRelu _headHidden;
    private readonly Conv2d _headOut;

    /// <summary>Builds the network with weights drawn from <paramref name="random"/>.</summary>
    public CornerRefinerNet(CornerRefinerConfig config, Random random)
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

        // Laterals for strides 4, 8, 16 (stages 1..3); the decoder adds them top-down.
        for (var i = 0; i < 3; i++)
        {
            _laterals[i] = RegisterModule($"lat{i + 1}", new Conv2d(config.EncoderWidths[i + 1], config.DecoderWidth, 1, random));
        }

        for (var i = 0; i < 2; i++)
        {
            _smoothers[i] = RegisterModule($"dec{i + 1}", new ConvBnRelu(config.DecoderWidth, config.DecoderWidth, random));
        }

        _headHidden = RegisterModule("head", new ConvBnRelu(config.DecoderWidth, config.DecoderWidth, random));
        _headOut = RegisterModule("out", new Conv2d(config.DecoderWidth, 4, 1, random));
    }

    /// <summary>The design the network was built with.</summary>
    public CornerRefinerConfig Config { get; }

    /// <summary>Maps crops <c>[N, 1, S, S]</c> to the four corner heatmaps' logits <c>[N, 4, S/4, S/4]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var features = new Tensor[4];
        var x = input;
        for (var i = 0; i < 4; i++)
        {
            x = _stageRefinements[i].Forward(_stages[i].Forward(x));
            features[i] = x;
        }

        var top = _laterals[2].Forward(features[3]);
        for (var level = 1; level >= 0; level--)
        {
            top = _smoothers[level].Forward(Functional.UpsampleNearest(top, 2) + _laterals[level].Forward(features[level + 1]));
        }

        return _headOut.Forward(_headHidden.Forward(top));
    }

    /// <summary>
    /// The corners in crop pixels <c>[N, 4, 2]</c> (x, y; pixel centres at integer + 0.5): the soft-argmax of each
    /// heatmap, from output cells to crop pixels.
    /// </summary>
    public Tensor Corners(Tensor input) => CornersFrom(Forward(input));

    /// <summary>The corners in crop pixels <c>[N, 4, 2]</c> from the heatmap logits <see cref="Forward"/> returns.</summary>
    public static Tensor CornersFrom(Tensor heatmaps)
    {
        var cells = SoftArgmax.Coordinates(heatmaps);
        return Functional.Affine(cells, CornerRefinerConfig.OutputStride, CornerRefinerConfig.OutputStride / 2f);
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> (the heatmap logits, evaluation mode) to <paramref name="graph"/>; returns the output's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var features = new string[4];
        var x = input;
        for (var i = 0; i < 4; i++)
        {
            x = graph.Apply(_stageRefinements[i], graph.Apply(_stages[i], x));
            features[i] = x;
        }

        var top = graph.Apply(_laterals[2], features[3]);
        for (var level = 1; level >= 0; level--)
        {
            top = graph.Apply(_smoothers[level], graph.Add(graph.Upsample(top, 2, UpsampleMode.Nearest), graph.Apply(_laterals[level], features[level + 1])));
        }

        return graph.Apply(_headOut, graph.Apply(_headHidden, top));
    }
}
