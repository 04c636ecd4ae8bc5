using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>How <see cref="Upsample"/> interpolates.</summary>
public enum UpsampleMode
{
    /// <summary>Repeat each pixel.</summary>
    Nearest,

    /// <summary>Bilinear with PyTorch's <c>align_corners=False</c> convention.</summary>
    Bilinear,
}

/// <summary>Resizes NCHW maps by an integer factor.</summary>
public sealed class Upsample : UnaryModule, IOnnxExportable
{
    /// <summary>Creates the layer.</summary>
    public Upsample(int scale, UpsampleMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Scale = scale;
        Mode = mode;
    }

    /// <summary>Integer magnification of height and width.</summary>
    public int Scale { get; }

    /// <summary>Interpolation rule.</summary>
    public UpsampleMode Mode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Mode == UpsampleMode.Bilinear ? Functional.UpsampleBilinear(input, Scale) : Functional.UpsampleNearest(input, Scale);

    /// <inheritdoc/>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => graph.Upsample(input, Scale, Mode);
}
