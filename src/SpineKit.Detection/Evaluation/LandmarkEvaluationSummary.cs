using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Detection.Evaluation;

/// <summary>The figures of a landmark evaluation over many images.</summary>
/// <param name="Images">Per-image results, in dataset order.</param>
/// <param name="Failed">Images that could not be read, with the reason.</param>
/// <param name="Smape">Challenge SMAPE, percent.</param>
/// <param name="AngleMae">Per-angle mean absolute error, degrees.</param>
/// <param name="CircularMae">Circular mean absolute error, degrees.</param>
/// <param name="MeanRadialError">Mean corner distance, original pixels.</param>
/// <param name="MeanRadialErrorMillimetres">The same in millimetres, when every image has a spacing.</param>
/// <param name="Pck">Percentage of correct keypoints at 5..100% of the vertebral width.</param>
/// <param name="MedianSeconds">Median detection time per image.</param>
public sealed record LandmarkEvaluationSummary(
    IReadOnlyList<EvaluatedImage> Images,
    IReadOnlyList<(string Name, string Reason)> Failed,
    double Smape,
    AngleTriple AngleMae,
    double CircularMae,
    double MeanRadialError,
    double? MeanRadialErrorMillimetres,
    IReadOnlyList<PckPoint> Pck,
    double MedianSeconds)
{
    /// <summary>The field of view the films were shown in.</summary>
    public EvaluationView View { get; init; }

    /// <summary>Predicted levels that are not in the view (all images together).</summary>
    public int InventedLevels { get; init; }

    /// <summary>Images with at least one invented level.</summary>
    public int ImagesWithInventedLevels { get; init; }

    /// <summary>Levels in the view that the prediction lacks (all images together).</summary>
    public int MissedLevels { get; init; }

    /// <summary>Images with reference angles whose result has none (the detector called the film a partial view); the angle figures leave them out.</summary>
    public int ImagesWithoutAngles { get; init; }

    /// <summary>Images whose labels sit a level or more off the truth (<see cref="EvaluatedImage.LevelOffset"/> not 0).</summary>
    public int ImagesWithShiftedLevels => Images.Count(i => i.LevelOffset is not null and not 0);

    /// <summary>Images whose result says "check the level labels".</summary>
    public int ImagesWithLabelsInDoubt { get; init; }

    /// <summary>
    /// How well each angle's reported uncertainty (<see cref="Inference.AngleUncertainty"/>) ranks its real absolute
    /// error: Spearman's correlation per challenge angle over the images with both; NaN where it cannot be computed
    /// (no refiner, too few images).
    /// </summary>
    public AngleTriple UncertaintyRankCorrelation { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Images with challenge angles whose result says "check the angles", and their mean absolute angle error, degrees.</summary>
    public (int Images, double MeanAbsoluteError) FlaggedAngles { get; init; } = (0, double.NaN);

    /// <summary>The same for the images with challenge angles and an uncertainty that are not flagged.</summary>
    public (int Images, double MeanAbsoluteError) UnflaggedAngles { get; init; } = (0, double.NaN);

    /// <summary>
    /// The same figures over the images whose labels the label sanitizer found nothing wrong with (null when none has):
    /// a film whose labels cross or lie on one body scores the model against a wrong truth. Reported beside the
    /// figures over every image, never instead of them.
    /// </summary>
    public LandmarkEvaluationSummary? CleanLabels { get; init; }
}
