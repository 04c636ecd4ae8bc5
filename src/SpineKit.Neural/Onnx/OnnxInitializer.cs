namespace SpineKit.Neural.Onnx;

/// <summary>A constant tensor stored in the graph, little-endian bytes as ONNX's <c>raw_data</c>.</summary>
internal sealed record OnnxInitializer(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData);
