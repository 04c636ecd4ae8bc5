namespace SpineKit.Neural.Onnx;

/// <summary>
/// A one-input layer or block that can write itself into an ONNX graph: the inference computation of its
/// <c>Forward</c> (evaluation mode: running statistics, no dropout) as ONNX operators. Each layer type exports
/// itself here, next to its <c>Forward</c>, so the two are read and changed together.
/// </summary>
public interface IOnnxExportable
{
    /// <summary>Adds this layer's nodes to <paramref name="graph"/> reading the value <paramref name="input"/>; returns the name of the output value.</summary>
    string ExportOnnx(OnnxGraphBuilder graph, string input);
}
