using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Applies its modules in order; children are named <c>0</c>, <c>1</c>, ... as in PyTorch.</summary>
public sealed class Sequential : UnaryModule, IOnnxExportable
{
    private readonly List<UnaryModule> _layers = [];

    /// <summary>Creates the chain from <paramref name="layers"/>.</summary>
    public Sequential(params UnaryModule[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Append(layer);
        }
    }

    /// <summary>The modules in order.</summary>
    public IReadOnlyList<UnaryModule> Layers => _layers;

    /// <summary>Adds <paramref name="layer"/> at the end under the next index.</summary>
    public Sequential Append(UnaryModule layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <summary>
    /// Runs the modules in order; a <see cref="BatchNorm2d"/> directly followed by a <see cref="ReLU"/> runs as one
    /// operation (<see cref="BatchNorm2d.ForwardRelu"/>), which gives the composition's values with fewer passes
    /// (not when the normalisation alone would overwrite its input in inference: the input would then end rectified).
    /// </summary>
    /// <param name="input">The first module's input.</param>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            if (_layers[i] is BatchNorm2d norm && i + 1 < _layers.Count && _layers[i + 1] is ReLU relu && (relu.InPlace || !norm.InPlaceInference))
            {
                x = norm.ForwardRelu(x);
                i++;
            }
            else
            {
                x = _layers[i].Forward(x);
            }
        }

        return x;
    }

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = input;
        foreach (var layer in _layers)
        {
            x = graph.Apply(layer, x);
        }

        return x;
    }
}
