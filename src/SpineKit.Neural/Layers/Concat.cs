using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Joins feature maps along the channel dimension (PyTorch <c>torch.cat(tensors, 1)</c>).</summary>
public sealed class Concat : Module
{
    /// <summary>Concatenates <paramref name="inputs"/> along dimension 1.</summary>
    public Tensor Forward(params Tensor[] inputs) => Functional.Concat(1, inputs);

    /// <summary>Adds the ONNX form of <see cref="Forward"/> to <paramref name="graph"/>; returns the output's name.</summary>
    public static string ExportOnnx(OnnxGraphBuilder graph, params string[] inputs) => graph.ConcatChannels(inputs);
}
