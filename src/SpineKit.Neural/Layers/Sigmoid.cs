using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Logistic sigmoid.</summary>
public sealed class Sigmoid : UnaryModule, IOnnxExportable
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Sigmoid(input);
}
