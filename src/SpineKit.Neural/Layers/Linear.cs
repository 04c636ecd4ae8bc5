using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Fully connected layer <c>y = x W^T + b</c> on <c>[N, in]</c> inputs.</summary>
public sealed class Linear : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        Weight = RegisterParameter("weight", Initialization.FanInUniform(random, inFeatures, outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Initialization.FanInUniform(random, inFeatures, outFeatures)) : null;
    }

    /// <summary>The matrix, <c>[out, in]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, <c>[out]</c>, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);

    /// <summary>Exports <c>x W^T + b</c> on <c>[N, in]</c> as a Gemm.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        List<string> inputs = [input, graph.Weight(Weight)];
        if (Bias is not null)
        {
            inputs.Add(graph.Weight(Bias));
        }

        return graph.Node("Gemm", inputs, OnnxAttribute.Int("transB", 1));
    }
}
