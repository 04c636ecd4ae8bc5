namespace SpineKit.Neural.Onnx;

/// <summary>A dimension of a graph input or output: a fixed size or a symbol shared by the dimensions that must agree.</summary>
internal readonly record struct OnnxDimension(long Value, string? Symbol)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Named(string symbol) => new(0, symbol);
}
