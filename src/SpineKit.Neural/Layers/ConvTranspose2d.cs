using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Transposed 2-D convolution with PyTorch's parameters (<c>weight [Cin, Cout/groups, k, k]</c>, optional <c>bias [Cout]</c>).</summary>
public sealed class ConvTranspose2d : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Random random, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, int groups = 1, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (inChannels < 1 || outChannels < 1 || groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"ConvTranspose2d: {inChannels} -> {outChannels} channels cannot be split into {groups} groups.");
        }

        // PyTorch computes the fan-in of a transposed convolution from weight dimension 1.
        var fanIn = outChannels / groups * kernelSize * kernelSize;
        Weight = RegisterParameter("weight", Initialization.FanInUniform(random, fanIn, inChannels, outChannels / groups, kernelSize, kernelSize));
        Bias = bias ? RegisterParameter("bias", Initialization.FanInUniform(random, fanIn, outChannels)) : null;
        Stride = stride;
        Padding = padding;
        OutputPadding = outputPadding;
        Dilation = dilation;
        Groups = groups;
    }

    /// <summary>The kernel, <c>[Cin, Cout/groups, k, k]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>The per-channel bias, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Upsampling step.</summary>
    public int Stride { get; }

    /// <summary>Padding removed from each side of the full output.</summary>
    public int Padding { get; }

    /// <summary>Extra rows/columns added on the bottom/right.</summary>
    public int OutputPadding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Dilation, Groups);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        List<string> inputs = [input, graph.Weight(Weight)];
        if (Bias is not null)
        {
            inputs.Add(graph.Weight(Bias));
        }

        return graph.Node(
            "ConvTranspose",
            inputs,
            OnnxOps.Window(Weight.Size(2)),
            OnnxOps.Strides(Stride),
            OnnxOps.Pads(Padding),
            OnnxOps.Dilations(Dilation),
            OnnxAttribute.Ints("output_padding", OutputPadding, OutputPadding),
            OnnxAttribute.Int("group", Groups));
    }
}
