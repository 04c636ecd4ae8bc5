using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Element-wise product of two maps with broadcasting (gating, channel attention).</summary>
public sealed class Mul : Module
{
    /// <summary>Returns <c>a * b</c>.</summary>
    public Tensor Forward(Tensor a, Tensor b) => Functional.Multiply(a, b);

    /// <summary>Adds the ONNX form of <see cref="Forward"/> to <paramref name="graph"/>; returns the output's name.</summary>
    public static string ExportOnnx(OnnxGraphBuilder graph, string a, string b) => graph.Mul(a, b);
}
