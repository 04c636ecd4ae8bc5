using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Cli;

/// <summary>
/// <c>--dicom-out</c>: for a DICOM input, <c>&lt;name&gt;.sr.dcm</c> (the measurement report, Comprehensive SR) and
/// <c>&lt;name&gt;.overlay.dcm</c> (the overlay picture as a Secondary Capture), each in a new series of the
/// source's study, written atomically like every other output. The source's patient and study are copied, never
/// printed. A non-DICOM input gets none: a report must join the patient and study of its image, and SpineKit does
/// not invent a patient (docs/pacs.md).
/// </summary>
internal sealed class DicomOutputs(string directory)
{
    /// <summary>Series Number of the reports (high, so it does not collide with the modality's own series).</summary>
    public const int ReportSeriesNumber = 9001;

    /// <summary>Series Number of the overlays.</summary>
    public const int OverlaySeriesNumber = 9002;

    public string Directory { get; } = directory;

    /// <summary>The files written for <paramref name="stem"/>: the report and the overlay.</summary>
    public (string Report, string Overlay) PathsFor(string stem) =>
        (Path.Combine(Directory, stem + ".sr.dcm"), Path.Combine(Directory, stem + ".overlay.dcm"));

    /// <summary>Why an input gets no DICOM outputs, or null when it is DICOM.</summary>
    public static string? Refusal(RadiographImage image) => image.Metadata.Format == ImageContainerFormat.Dicom
        ? null
        : "not a DICOM file, so no DICOM outputs (a report must join the patient and study of its image; SpineKit does not invent them)";

    /// <summary>
    /// Reads the source's patient and study before the analysis, so an input whose DICOM outputs cannot be made
    /// (no UIDs to reference, text in an unsupported character set) fails before the network runs.
    /// </summary>
    public static DicomPatientStudy ReadSource(string path, ImageReadOptions options) =>
        DicomPatientStudy.Read(ImageReader.ReadBytes(path, options), options);

    /// <summary>Writes the report and the overlay for one analysed image.</summary>
    public void Write(string stem, DicomPatientStudy source, LandmarkPrediction prediction, AnalysisProvenance provenance, Image<byte> overlay, int frame, bool overwrite)
    {
        var (reportPath, overlayPath) = PathsFor(stem);
        var version = "SpineKit " + provenance.SoftwareVersion;
        var software = version.Length <= 64 ? version : version[..64];
        var report = new DicomNewInstance(DicomUid.New(), DicomUid.New(), ReportSeriesNumber, "SpineKit measurements (research use only)", provenance.AnalyzedAt, software);
        var picture = new DicomNewInstance(DicomUid.New(), DicomUid.New(), OverlaySeriesNumber, "SpineKit overlay (research use only)", provenance.AnalyzedAt, software);
        OutputFile.Write(reportPath, DicomFileWriter.Write(CobbStructuredReport.Create(prediction, source, report, provenance, frame)), overwrite);
        OutputFile.Write(overlayPath, DicomFileWriter.Write(DicomSecondaryCapture.Create(overlay, source, picture, frame)), overwrite);
    }
}
