using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : UnaryModule, IOnnxExportable
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Node("Tanh", [input]);
    }
}
