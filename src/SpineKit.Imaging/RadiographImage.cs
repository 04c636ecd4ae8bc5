using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Imaging;

/// <summary>
/// An image as <see cref="ImageReader"/> loaded it: the decoded pixels, format-independent metadata, and the
/// renderings analysis and display need. DICOM-specific details stay reachable through <see cref="Dicom"/>.
/// </summary>
public sealed class RadiographImage
{
    internal RadiographImage(Image pixels, RadiographMetadata metadata, DicomImage? dicom)
    {
        Pixels = pixels;
        Metadata = metadata;
        Dicom = dicom;
    }

    /// <summary>
    /// The pixels as decoded: <see cref="Image{T}"/> of <see cref="byte"/> or <see cref="ushort"/>. For DICOM these are
    /// stored values before the modality transform (see <see cref="DicomImage.Pixels"/>).
    /// </summary>
    public Image Pixels { get; }

    /// <summary>Format, size, bit depth, photometric interpretation, pixel spacing and acquisition details.</summary>
    public RadiographMetadata Metadata { get; }

    /// <summary>The DICOM decoding (modality values, windows, metadata) when the file was DICOM, else null.</summary>
    public DicomImage? Dicom { get; }

    /// <summary>
    /// Grey values in [0, 1] for analysis, bright meaning dense: DICOM after the modality transform over its possible
    /// range with MONOCHROME1 inverted; PNG and JPEG samples over their bit depth; colour as BT.601 luma.
    /// </summary>
    public Image<float> ToGrayscale() => Dicom?.ToGrayscale() ?? PlainImageRenderer.Grayscale(Pixels);

    /// <summary>
    /// An 8-bit rendering for display: <paramref name="window"/> when given; else for DICOM the file's VOI (LUT or
    /// first window) or min-max, MONOCHROME1 inverted; for PNG/JPEG 8-bit data as is and deeper data min-max.
    /// </summary>
    public Image<byte> RenderDisplay(VoiWindow? window = null) => Dicom?.RenderDisplay(window) ?? PlainImageRenderer.Display(Pixels, window);

    /// <summary>
    /// A 16-bit rendering: for DICOM the modality values scaled as dcmtk's <c>dcmj2pnm +on2 -W</c> (MONOCHROME1
    /// inverted); for PNG/JPEG the samples scaled to 16 bits.
    /// </summary>
    public Image<ushort> RenderModality16() => Dicom?.RenderModality16() ?? PlainImageRenderer.Render16(Pixels);
}
