using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Average pooling over square windows (padding counts towards the divisor).</summary>
public sealed class AvgPool2d : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the pool; <paramref name="stride"/> 0 means equal to the kernel, as in PyTorch.</summary>
    public AvgPool2d(int kernel, int stride = 0, int padding = 0)
    {
        Kernel = kernel;
        Stride = stride == 0 ? kernel : stride;
        Padding = padding;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, Kernel, Stride, Padding);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);

        // The padding counts towards the divisor, as in Functional.AvgPool2d.
        return graph.Node("AveragePool", [input], OnnxOps.Window(Kernel), OnnxOps.Strides(Stride), OnnxOps.Pads(Padding), OnnxAttribute.Int("count_include_pad", 1));
    }
}
