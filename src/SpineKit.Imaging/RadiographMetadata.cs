namespace SpineKit.Imaging;

/// <summary>What SpineKit knows about a loaded image, across formats. Never holds patient identifiers.</summary>
public sealed record RadiographMetadata
{
    /// <summary>The container format, as sniffed from the content.</summary>
    public required ImageContainerFormat Format { get; init; }

    /// <summary>Pixels per row.</summary>
    public required int Width { get; init; }

    /// <summary>Rows.</summary>
    public required int Height { get; init; }

    /// <summary>Channels of <see cref="RadiographImage.Pixels"/>.</summary>
    public required int Channels { get; init; }

    /// <summary>Significant bits per sample (DICOM Bits Stored, PNG/JPEG sample precision).</summary>
    public required int BitDepth { get; init; }

    /// <summary>MONOCHROME1, MONOCHROME2, RGB, ... (DICOM as stored; PNG and JPEG report MONOCHROME2 or RGB).</summary>
    public required string PhotometricInterpretation { get; init; }

    /// <summary>Physical pixel size, when the file states it.</summary>
    public PixelSpacing? PixelSpacing { get; init; }

    /// <summary>Where <see cref="PixelSpacing"/> came from.</summary>
    public PixelSpacingSource PixelSpacingSource { get; init; }

    /// <summary>DICOM transfer syntax UID (null for other formats).</summary>
    public string? TransferSyntaxUid { get; init; }

    /// <summary>DICOM transfer syntax name (null for other formats).</summary>
    public string? TransferSyntaxName { get; init; }

    /// <summary>DICOM Modality.</summary>
    public string? Modality { get; init; }

    /// <summary>DICOM View Position.</summary>
    public string? ViewPosition { get; init; }

    /// <summary>DICOM Body Part Examined.</summary>
    public string? BodyPartExamined { get; init; }

    /// <summary>DICOM Study Instance UID (0020,000D), which names the study in a PACS.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>DICOM Series Instance UID (0020,000E).</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>DICOM SOP Instance UID (0008,0018), which names this image.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Patient Orientation (0020,0020): the patient directions of the rows and columns, e.g. <c>L\F</c>.</summary>
    public string? PatientOrientation { get; init; }

    /// <summary>DICOM Image Laterality.</summary>
    public string? ImageLaterality { get; init; }

    /// <summary>Frames in the file (1 unless multi-frame DICOM).</summary>
    public int FrameCount { get; init; } = 1;

    /// <summary>Which frame (0-based) was decoded.</summary>
    public int FrameIndex { get; init; }
}
