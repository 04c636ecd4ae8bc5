namespace SpineKit.Neural.Onnx;

/// <summary>
/// One attribute of an ONNX node: an integer, a float, a string or a list of integers (the kinds the exported
/// layers need). Create it with <see cref="Int"/>, <see cref="Float"/>, <see cref="Text"/> or <see cref="Ints"/>.
/// </summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
    }

    /// <summary>The attribute's name as the operator's specification spells it (e.g. <c>kernel_shape</c>).</summary>
    public string Name { get; }

    /// <summary>Which of the values is set.</summary>
    public OnnxAttributeKind Kind { get; }

    /// <summary>The value of an <see cref="OnnxAttributeKind.Int"/> attribute.</summary>
    public long IntValue { get; private init; }

    /// <summary>The value of a <see cref="OnnxAttributeKind.Float"/> attribute.</summary>
    public float FloatValue { get; private init; }

    /// <summary>The value of a <see cref="OnnxAttributeKind.String"/> attribute.</summary>
    public string StringValue { get; private init; } = string.Empty;

    /// <summary>The value of an <see cref="OnnxAttributeKind.Ints"/> attribute.</summary>
    public IReadOnlyList<long> IntsValue { get; private init; } = [];

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int) { IntValue = value };

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float) { FloatValue = value };

    /// <summary>A string attribute (UTF-8 in the file).</summary>
    public static OnnxAttribute Text(string name, string value) => new(name, OnnxAttributeKind.String) { StringValue = value };

    /// <summary>A list-of-integers attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeKind.Ints) { IntsValue = [.. values] };
}
