using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>2-D convolution with PyTorch's parameters (<c>weight [Cout, Cin/groups, k, k]</c>, optional <c>bias [Cout]</c>).</summary>
public sealed class Conv2d : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Random random, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (inChannels < 1 || outChannels < 1 || groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"Conv2d: {inChannels} -> {outChannels} channels cannot be split into {groups} groups.");
        }

        var fanIn = inChannels / groups * kernelSize * kernelSize;
        Weight = RegisterParameter("weight", Initialization.FanInUniform(random, fanIn, outChannels, inChannels / groups, kernelSize, kernelSize));
        Bias = bias ? RegisterParameter("bias", Initialization.FanInUniform(random, fanIn, outChannels)) : null;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
    }

    /// <summary>The kernel, <c>[Cout, Cin/groups, k, k]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>The per-channel bias, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Conv(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
