using SpineKit.Imaging;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Which DICOM image a result belongs to: its study, series and SOP instance UIDs, so a result can be matched to
/// the image in a PACS without naming the patient. Any of them may be missing from a file.
/// </summary>
/// <param name="StudyInstanceUid">Study Instance UID (0020,000D).</param>
/// <param name="SeriesInstanceUid">Series Instance UID (0020,000E).</param>
/// <param name="SopInstanceUid">SOP Instance UID (0008,0018).</param>
public sealed record DicomInstance(string? StudyInstanceUid, string? SeriesInstanceUid, string? SopInstanceUid)
{
    /// <summary>The UIDs an image's metadata holds, or null when it holds none (not DICOM, or a file without them).</summary>
    public static DicomInstance? Of(RadiographMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.StudyInstanceUid is null && metadata.SeriesInstanceUid is null && metadata.SopInstanceUid is null
            ? null
            : new DicomInstance(metadata.StudyInstanceUid, metadata.SeriesInstanceUid, metadata.SopInstanceUid);
    }
}
