using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>
/// Squeeze-and-excitation channel attention: <c>x * sigmoid(fc2(relu(fc1(mean_hw(x)))))</c> with
/// linear layers named <c>fc1</c> and <c>fc2</c>.
/// </summary>
public sealed class SqueezeExcitation : UnaryModule, IOnnxExportable
{
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    /// <summary>Creates the block for <paramref name="channels"/> channels squeezed by <paramref name="reduction"/>.</summary>
    public SqueezeExcitation(int channels, Random random, int reduction = 4)
    {
        if (reduction < 1 || channels / reduction < 1)
        {
            throw new ArgumentException($"SqueezeExcitation: cannot reduce {channels} channels by {reduction}.");
        }

        _fc1 = RegisterModule("fc1", new Linear(channels, channels / reduction, random));
        _fc2 = RegisterModule("fc2", new Linear(channels / reduction, channels, random));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        int n = input.Size(0), c = input.Size(1);
        var squeezed = Functional.GlobalAveragePool(input).Reshape(n, c);
        var weights = Functional.Sigmoid(_fc2.Forward(Functional.Relu(_fc1.Forward(squeezed))));
        return input * weights.Reshape(n, c, 1, 1);
    }

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var squeezed = graph.Node("Flatten", [graph.Node("GlobalAveragePool", [input])], OnnxAttribute.Int("axis", 1));
        var weights = graph.Sigmoid(graph.Apply(_fc2, graph.Relu(graph.Apply(_fc1, squeezed))));

        // [N, C] back to [N, C, 1, 1] (0 keeps the batch size) to scale each channel plane.
        var perChannel = graph.Node("Reshape", [weights, graph.Int64Constant("se_shape", 0, -1, 1, 1)]);
        return graph.Mul(input, perChannel);
    }
}
