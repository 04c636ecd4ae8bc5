namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// What is new about an object SpineKit derives from a source image: its own series and instance, when it was
/// made and by which software. The patient and study come from the source (<see cref="DicomPatientStudy"/>).
/// </summary>
/// <param name="SeriesInstanceUid">The new series' UID.</param>
/// <param name="SopInstanceUid">The new instance's UID.</param>
/// <param name="SeriesNumber">Series Number (0020,0011).</param>
/// <param name="SeriesDescription">Series Description (0008,103E), at most 64 characters.</param>
/// <param name="CreatedAt">When the object was made (written in UTC with a +0000 timezone offset).</param>
/// <param name="SoftwareVersion">Software Versions (0018,1020) of the writing software, at most 64 characters.</param>
public sealed record DicomNewInstance(
    string SeriesInstanceUid,
    string SopInstanceUid,
    int SeriesNumber,
    string SeriesDescription,
    DateTimeOffset CreatedAt,
    string SoftwareVersion)
{
    /// <summary>Manufacturer (0008,0070) written in the General Equipment module.</summary>
    public string Manufacturer { get; init; } = "SpineKit";

    /// <summary>Manufacturer's Model Name (0008,1090).</summary>
    public string ModelName { get; init; } = "SpineKit";
}
