namespace SpineKit.Neural.Onnx;

/// <summary>A node of the graph: operator, name, input and output value names, attributes.</summary>
internal sealed record OnnxNode(string OpType, string Name, List<string> Inputs, List<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);
