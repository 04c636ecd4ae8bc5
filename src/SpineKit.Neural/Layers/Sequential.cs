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

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
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
