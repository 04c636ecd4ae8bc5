namespace SpineKit.Imaging;

/// <summary>The file formats <see cref="ImageReader"/> recognises by content.</summary>
public enum ImageContainerFormat
{
    /// <summary>Portable Network Graphics.</summary>
    Png,

    /// <summary>JPEG (JFIF/EXIF or bare).</summary>
    Jpeg,

    /// <summary>DICOM Part 10 (with or without preamble).</summary>
    Dicom,
}
