using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Element-wise sum of two maps with broadcasting (skip connections).</summary>
public sealed class Add : Module
{
    /// <summary>Returns <c>a + b</c>.</summary>
    public Tensor Forward(Tensor a, Tensor b) => Functional.Add(a, b);

    /// <summary>Adds the ONNX form of <see cref="Forward"/> to <paramref name="graph"/>; returns the output's name.</summary>
    public static string ExportOnnx(OnnxGraphBuilder graph, string a, string b) => graph.Add(a, b);
}
