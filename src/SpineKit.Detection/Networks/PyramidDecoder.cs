using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Networks;

/// <summary>
/// The feature-pyramid decoder of the landmark network and the corner refiner: a 1x1 lateral (<c>lat{i}</c>) brings each
/// <see cref="StridedEncoder"/> stage from stride 4 down to the deepest to one width, and from the deepest up, the
/// coarser map is upsampled (nearest), added to the next lateral and smoothed by a 3x3 block (<c>dec{i}</c>), ending at
/// stride 4. Its layers are registered on the owning network under those names, which the model files store.
/// </summary>
internal sealed class PyramidDecoder
{
    private readonly Conv2d[] _laterals;
    private readonly ConvBnRelu[] _smoothers;

    /// <summary>
    /// Builds the decoder over encoder stages of <paramref name="encoderWidths"/> (stage 0, at stride 2, is left out),
    /// registering its layers through <paramref name="registerLateral"/> and <paramref name="registerSmoother"/>.
    /// </summary>
    public PyramidDecoder(IReadOnlyList<int> encoderWidths, int width, Random random, Func<string, Conv2d, Conv2d> registerLateral, Func<string, ConvBnRelu, ConvBnRelu> registerSmoother)
    {
        ArgumentNullException.ThrowIfNull(encoderWidths);
        ArgumentNullException.ThrowIfNull(registerLateral);
        ArgumentNullException.ThrowIfNull(registerSmoother);
        _laterals = new Conv2d[encoderWidths.Count - 1];
        _smoothers = new ConvBnRelu[encoderWidths.Count - 2];
        for (var i = 0; i < _laterals.Length; i++)
        {
            _laterals[i] = registerLateral($"lat{i + 1}", new Conv2d(encoderWidths[i + 1], width, 1, random));
        }

        for (var i = 0; i < _smoothers.Length; i++)
        {
            _smoothers[i] = registerSmoother($"dec{i + 1}", new ConvBnRelu(width, width, random));
        }
    }

    /// <summary>The stride-4 map from every encoder stage's features (<see cref="StridedEncoder.Forward"/>).</summary>
    public Tensor Forward(IReadOnlyList<Tensor> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var top = _laterals[^1].Forward(features[^1]);
        for (var level = _smoothers.Length - 1; level >= 0; level--)
        {
            top = _smoothers[level].Forward(Functional.UpsampleNearest(top, 2) + _laterals[level].Forward(features[level + 1]));
        }

        return top;
    }

    /// <summary>Adds the decoder to <paramref name="graph"/> over the stages' outputs (<see cref="StridedEncoder.ExportOnnx"/>); returns the stride-4 map's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(features);
        var top = graph.Apply(_laterals[^1], features[^1]);
        for (var level = _smoothers.Length - 1; level >= 0; level--)
        {
            top = graph.Apply(_smoothers[level], graph.Add(graph.Upsample(top, 2, UpsampleMode.Nearest), graph.Apply(_laterals[level], features[level + 1])));
        }

        return top;
    }
}
