using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Rectified linear unit, <c>max(x, 0)</c>.</summary>
public sealed class ReLU : UnaryModule, IOnnxExportable
{
    /// <summary>
    /// Creates the activation. With <paramref name="inPlace"/> (PyTorch's <c>inplace=True</c>) it overwrites
    /// its input whenever no gradient is recorded for it, i.e. in inference; see <see cref="Functional.ReluInPlace"/>.
    /// </summary>
    public ReLU(bool inPlace = false) => InPlace = inPlace;

    /// <summary>Whether inference overwrites the input instead of allocating an output.</summary>
    public bool InPlace { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => InPlace ? Functional.ReluInPlace(input) : Functional.Relu(input);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Relu(input);
}
