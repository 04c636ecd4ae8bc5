namespace SpineKit.Neural.Onnx;

/// <summary>The value kinds of <see cref="OnnxAttribute"/>, numbered as ONNX's <c>AttributeProto.AttributeType</c>.</summary>
public enum OnnxAttributeKind
{
    /// <summary>A 32-bit float.</summary>
    Float = 1,

    /// <summary>A 64-bit integer.</summary>
    Int = 2,

    /// <summary>A string.</summary>
    String = 3,

    /// <summary>A list of 64-bit integers.</summary>
    Ints = 7,
}
