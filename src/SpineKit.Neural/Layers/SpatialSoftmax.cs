using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Softmax over each channel's H x W plane (a probability map per channel).</summary>
public sealed class SpatialSoftmax : UnaryModule, IOnnxExportable
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.SpatialSoftmax(input);

    /// <summary>Exports the softmax over each plane: the map viewed as <c>[N, C, H*W]</c>, softmax on the last axis, back to its shape.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var shape = graph.Node("Shape", [input]);
        var planes = graph.Node("Reshape", [input, graph.Int64Constant("softmax_shape", 0, 0, -1)]);
        return graph.Node("Reshape", [graph.Node("Softmax", [planes], OnnxAttribute.Int("axis", -1)), shape]);
    }
}
