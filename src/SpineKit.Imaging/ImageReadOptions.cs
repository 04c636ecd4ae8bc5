namespace SpineKit.Imaging;

/// <summary>
/// The bounds <see cref="ImageReader"/> enforces before it allocates anything for a file: how many bytes it reads,
/// how many pixels it decodes and how far a compressed dataset may inflate. The defaults sit well above any real
/// radiograph (a 43x43 cm detector at 0.1 mm is 18.5 megapixels) and far below what would exhaust a workstation.
/// </summary>
public sealed record ImageReadOptions
{
    /// <summary>The default pixel budget: 80 megapixels per frame.</summary>
    public const long DefaultMaxPixels = 80_000_000;

    /// <summary>The defaults.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>Largest image (width times height of one frame) that is decoded; larger ones are refused from their headers.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Largest file that is read (1 GiB); larger ones are refused before reading.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest size a deflated DICOM dataset may inflate to (256 MiB: an 80-megapixel 16-bit frame and its headers), checked while inflating.</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Decode a JPEG cut short as far as it goes (the missing part comes out flat grey) instead of refusing it; for
    /// recovering what is left of a damaged file, never for measuring it. PNG and DICOM files cut short are always refused.
    /// </summary>
    public bool AcceptTruncated { get; init; }
}
