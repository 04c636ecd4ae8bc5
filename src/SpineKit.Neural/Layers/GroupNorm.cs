using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Group normalisation (same in training and evaluation), PyTorch parameter names <c>weight</c> and <c>bias</c>.</summary>
public sealed class GroupNorm : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the layer with weight 1 and bias 0.</summary>
    public GroupNorm(int groups, int channels, float epsilon = 1e-5f)
    {
        if (groups < 1 || channels % groups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels cannot be split into {groups} groups.");
        }

        Groups = groups;
        Epsilon = epsilon;
        Weight = RegisterParameter("weight", Tensor.Ones(channels));
        Bias = RegisterParameter("bias", Tensor.Zeros(channels));
    }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Scale per channel.</summary>
    public Tensor Weight { get; }

    /// <summary>Shift per channel.</summary>
    public Tensor Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, Groups, Weight, Bias, Epsilon);

    /// <summary>
    /// Exports the normalisation for opset 17, which has no GroupNormalization: the map viewed as
    /// <c>[N, groups, rest]</c> goes through InstanceNormalization (unit scale, zero shift), back to its shape,
    /// then the per-channel weight and bias.
    /// </summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var shape = graph.Node("Shape", [input]);
        var grouped = graph.Node("Reshape", [input, graph.Int64Constant("groupnorm_shape", 0, Groups, -1)]);
        var normalized = graph.Node(
            "InstanceNormalization",
            [grouped, graph.FloatConstant("groupnorm_ones", Enumerable.Repeat(1f, Groups).ToArray()), graph.FloatConstant("groupnorm_zeros", new float[Groups])],
            OnnxAttribute.Float("epsilon", Epsilon));
        var restored = graph.Node("Reshape", [normalized, shape]);
        var channels = Weight.Length;
        return graph.Add(graph.Mul(restored, graph.Weight(Weight, channels, 1, 1)), graph.Weight(Bias, channels, 1, 1));
    }
}
