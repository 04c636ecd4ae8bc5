namespace SpineKit.Neural.Onnx;

/// <summary>ONNX's <c>TensorProto.DataType</c> numbers of the element types used here.</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}
