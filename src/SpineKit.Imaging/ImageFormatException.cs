namespace SpineKit.Imaging;

/// <summary>
/// The one exception every SpineKit reader throws for input it cannot decode: truncated, corrupt,
/// hostile or unsupported files. The message names the problem and, where known, the byte offset.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="offset"/> is the byte position of the problem if known.</summary>
    public ImageFormatException(string format, string problem, long? offset = null, Exception? inner = null)
        : base(Describe(format, problem, offset), inner)
    {
        Format = format;
        Offset = offset;
    }

    /// <summary>The format being read ("JPEG", "PNG", "DICOM", ...).</summary>
    public string Format { get; }

    /// <summary>Byte offset of the problem in the file, when known.</summary>
    public long? Offset { get; }

    private static string Describe(string format, string problem, long? offset) =>
        offset is { } at ? $"{format}: {problem} (at byte {at})" : $"{format}: {problem}";
}
