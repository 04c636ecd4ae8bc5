using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Where a result came from, for audit: the program version, the model files (name and SHA-256) that produced it,
/// when, and a hash of the image bytes (which identifies the input without naming the patient).
/// </summary>
/// <param name="SoftwareVersion">The SpineKit version.</param>
/// <param name="Models">Each model used with its role (<c>corners</c>, <c>locator</c>, <c>refiner</c>, <c>segmentation</c>).</param>
/// <param name="AnalyzedAt">When the analysis ran (written in UTC).</param>
/// <param name="ImageSha256">SHA-256 of the input file's bytes, or null when unknown.</param>
public sealed record AnalysisProvenance(
    string SoftwareVersion,
    IReadOnlyList<(string Role, ModelFile File)> Models,
    DateTimeOffset AnalyzedAt,
    string? ImageSha256)
{
    /// <summary>The DICOM study, series and instance the image is, when the input was DICOM and said so.</summary>
    public DicomInstance? Dicom { get; init; }

    /// <summary>The notice every result carries: the models are not a medical device.</summary>
    public const string Notice = "Research use only, not for diagnosis.";

    /// <summary>The models of <paramref name="detector"/> (its corner model and, when present, its locator, level classifier and refiner).</summary>
    public static IReadOnlyList<(string Role, ModelFile File)> ModelsOf(LandmarkDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var models = new List<(string, ModelFile)>();
        if (detector.Model.Source is { } corners)
        {
            models.Add(("corners", corners));
        }

        if (detector.Locator?.Model.Source is { } locator)
        {
            models.Add(("locator", locator));
        }

        if (detector.LevelClassifier?.Model.Source is { } levels)
        {
            models.Add(("levels", levels));
        }

        if (detector.Refiner?.Model.Source is { } refiner)
        {
            models.Add(("refiner", refiner));
        }

        return models;
    }
}
