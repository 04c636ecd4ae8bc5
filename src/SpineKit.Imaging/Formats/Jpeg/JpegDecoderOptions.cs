namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>How <see cref="JpegDecoder"/> turns decoded component samples into an image.</summary>
public sealed record JpegDecoderOptions
{
    /// <summary>The defaults: colour converted to RGB and EXIF orientation applied.</summary>
    public static JpegDecoderOptions Default { get; } = new();

    /// <summary>
    /// Component samples exactly as coded (upsampled to full size, but neither colour converted nor reoriented),
    /// for containers such as DICOM that state the photometric interpretation themselves.
    /// </summary>
    public static JpegDecoderOptions Raw { get; } = new() { ConvertColor = false, ApplyOrientation = false };

    /// <summary>Convert YCbCr, YCCK and CMYK to RGB; when false the output channels are the coded components.</summary>
    public bool ConvertColor { get; init; } = true;

    /// <summary>Rotate and flip the output as the EXIF orientation tag says.</summary>
    public bool ApplyOrientation { get; init; } = true;

    /// <summary>
    /// Decode a stream cut short as far as it goes (the missing blocks come out flat grey) instead of refusing it.
    /// Off by default: a partial film must not be measured as if whole.
    /// </summary>
    public bool AcceptTruncated { get; init; }
}
