namespace SpineKit.Neural.Onnx;

/// <summary>A graph input or output: its name and the dimensions of its float tensor.</summary>
internal sealed record OnnxValueInfo(string Name, IReadOnlyList<OnnxDimension> Dims);
