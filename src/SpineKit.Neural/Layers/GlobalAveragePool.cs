using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Mean of each channel plane: <c>[N, C, H, W]</c> to <c>[N, C, 1, 1]</c> (PyTorch <c>AdaptiveAvgPool2d(1)</c>).</summary>
public sealed class GlobalAveragePool : UnaryModule, IOnnxExportable
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GlobalAveragePool(input);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Node("GlobalAveragePool", [input]);
    }
}
