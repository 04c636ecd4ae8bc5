namespace SpineKit.Neural;

/// <summary>
/// The one exception SpineKit.Neural throws for a model or weights file it cannot use: truncated,
/// corrupt, hostile, of an unsupported data type, or not matching the network it is loaded into.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="offset"/> is the byte position of the problem if known.</summary>
    public ModelFormatException(string problem, long? offset = null, Exception? inner = null)
        : base(offset is { } at ? $"safetensors: {problem} (at byte {at})" : $"safetensors: {problem}", inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset of the problem in the file, when known.</summary>
    public long? Offset { get; }
}
