namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The image-describing attributes of a DICOM file. Patient identifiers (name, ID, birth date and the like) are
/// deliberately absent: the reader never keeps them.
/// </summary>
public sealed record DicomMetadata
{
    /// <summary>The transfer syntax the dataset was encoded in.</summary>
    public required DicomTransferSyntax TransferSyntax { get; init; }

    /// <summary>Rows (image height).</summary>
    public required int Rows { get; init; }

    /// <summary>Columns (image width).</summary>
    public required int Columns { get; init; }

    /// <summary>Samples per pixel: 1 grey, 3 colour.</summary>
    public required int SamplesPerPixel { get; init; }

    /// <summary>Photometric interpretation as stored (MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, ...).</summary>
    public required string PhotometricInterpretation { get; init; }

    /// <summary>Bits allocated per sample (1, 8, 16 or 32).</summary>
    public required int BitsAllocated { get; init; }

    /// <summary>Bits stored per sample.</summary>
    public required int BitsStored { get; init; }

    /// <summary>The most significant stored bit.</summary>
    public required int HighBit { get; init; }

    /// <summary>True when samples are two's complement (Pixel Representation 1).</summary>
    public required bool IsSigned { get; init; }

    /// <summary>Planar configuration for colour data: 0 interleaved, 1 colour-by-plane.</summary>
    public required int PlanarConfiguration { get; init; }

    /// <summary>Number of frames (1 for single-frame images).</summary>
    public required int NumberOfFrames { get; init; }

    /// <summary>Physical pixel size, when stated.</summary>
    public PixelSpacing? PixelSpacing { get; init; }

    /// <summary>Which attribute <see cref="PixelSpacing"/> came from.</summary>
    public PixelSpacingSource PixelSpacingSource { get; init; }

    /// <summary>Modality (CR, DX, CT, ...).</summary>
    public string? Modality { get; init; }

    /// <summary>View Position (AP, PA, LL, ...).</summary>
    public string? ViewPosition { get; init; }

    /// <summary>Body Part Examined.</summary>
    public string? BodyPartExamined { get; init; }

    /// <summary>Study Instance UID (0020,000D), which names the study in a PACS.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID (0020,000E).</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>SOP Instance UID (0008,0018), which names this image.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Patient Orientation (0020,0020): the patient directions of the rows and columns, e.g. <c>L\F</c>.</summary>
    public string? PatientOrientation { get; init; }

    /// <summary>Image Laterality (0020,0062), else the series Laterality (0020,0060).</summary>
    public string? ImageLaterality { get; init; }

    /// <summary>Rescale slope of the modality transform (1 when absent).</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>Rescale intercept of the modality transform (0 when absent).</summary>
    public double RescaleIntercept { get; init; }

    /// <summary>True when a Modality LUT Sequence replaces the rescale.</summary>
    public bool HasModalityLut { get; init; }

    /// <summary>The VOI windows the file suggests, first preferred.</summary>
    public IReadOnlyList<VoiWindow> Windows { get; init; } = [];

    /// <summary>The VOI LUT Function for <see cref="Windows"/>.</summary>
    public DicomVoiFunction VoiFunction { get; init; }

    /// <summary>True when a VOI LUT Sequence is present.</summary>
    public bool HasVoiLut { get; init; }

    /// <summary>True for MONOCHROME1, where low values are bright: display inverts it.</summary>
    public bool IsMonochrome1 => PhotometricInterpretation == "MONOCHROME1";

    /// <summary>True for single-sample (greyscale) images.</summary>
    public bool IsGrayscale => SamplesPerPixel == 1;
}
