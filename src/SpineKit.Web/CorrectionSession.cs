using SpineKit.Anatomy.Clinical;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Web;

/// <summary>
/// One opened radiograph: the image prepared for the network, its 8-bit rendering for display and
/// overlays, and the latest correction state. The state is an immutable record swapped whole, so a
/// reader never sees hints from one request with the prediction of another.
/// </summary>
public sealed class CorrectionSession
{
    private readonly Lazy<byte[]> _displayPng;
    private CorrectionState _state;

    /// <summary>Creates a session from an analysed image.</summary>
    /// <param name="fileName">The uploaded file's name (no folder).</param>
    /// <param name="spacingSource">Which DICOM attribute the spacing came from, if any.</param>
    /// <param name="prepared">The image resized for the network.</param>
    /// <param name="display">The 8-bit rendering (file window or min-max).</param>
    /// <param name="initial">The automatic result.</param>
    public CorrectionSession(string fileName, string? spacingSource, PreparedRadiograph prepared, Image<byte> display, CorrectionState initial)
    {
        FileName = fileName;
        SpacingSource = spacingSource;
        Prepared = prepared ?? throw new ArgumentNullException(nameof(prepared));
        Display = display ?? throw new ArgumentNullException(nameof(display));
        _state = initial ?? throw new ArgumentNullException(nameof(initial));
        _displayPng = new Lazy<byte[]>(() => Imaging.Formats.Png.PngEncoder.Encode(display, System.IO.Compression.CompressionLevel.Fastest), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>What the file's own attributes say about it (<see cref="SpineFilmGate.FromMetadata"/>), written into its analysis.</summary>
    public FilmAssessment Film { get; init; } = FilmAssessment.Clear;

    /// <summary>The model files (role, name, SHA-256) that produced the session's predictions, for their provenance.</summary>
    public IReadOnlyList<(string Role, ModelFile File)> Models { get; init; } = [];

    /// <summary>SHA-256 of the uploaded bytes, for the analysis' provenance; null when the session was opened from pixels.</summary>
    public string? ImageSha256 { get; init; }

    /// <summary>The DICOM study, series and instance of the upload, when it was DICOM and named them.</summary>
    public DicomInstance? Dicom { get; init; }

    /// <summary>Which patient side the image's x axis points to, when the upload said (curves are then also named on the patient).</summary>
    public ImageOrientation? Orientation { get; init; }

    /// <summary>The modality values and windows of a greyscale DICOM upload, for full-depth windowing; null for other images.</summary>
    internal ModalityDisplay? Modality { get; init; }

    /// <summary>The uploaded file's name, as written into exports.</summary>
    public string FileName { get; }

    /// <summary>Which DICOM attribute the pixel spacing came from, or null.</summary>
    public string? SpacingSource { get; }

    /// <summary>The image at the network's input size, reused by every refinement.</summary>
    public PreparedRadiograph Prepared { get; }

    /// <summary>The 8-bit display rendering at the original size.</summary>
    public Image<byte> Display { get; }

    /// <summary>The display rendering as PNG, encoded on first use.</summary>
    public byte[] DisplayPng => _displayPng.Value;

    /// <summary>The latest correction state (the result of the most recent analyze or refine).</summary>
    public CorrectionState State
    {
        get => Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
