using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>Max pooling over square windows.</summary>
public sealed class MaxPool2d : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the pool; <paramref name="stride"/> 0 means equal to the kernel, as in PyTorch.</summary>
    public MaxPool2d(int kernel, int stride = 0, int padding = 0)
    {
        Kernel = kernel;
        Stride = stride == 0 ? kernel : stride;
        Padding = padding;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Implicit -inf padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, Kernel, Stride, Padding);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.MaxPool(input, Kernel, Stride, Padding);
}
