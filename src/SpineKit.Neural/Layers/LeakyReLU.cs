using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary><c>x</c> where positive, <c>slope * x</c> elsewhere.</summary>
public sealed class LeakyReLU : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the activation with negative slope <paramref name="slope"/> (PyTorch's default 0.01).</summary>
    public LeakyReLU(float slope = 0.01f) => Slope = slope;

    /// <summary>Multiplier of negative inputs.</summary>
    public float Slope { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, Slope);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Node("LeakyRelu", [input], OnnxAttribute.Float("alpha", Slope));
    }
}
