using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;

namespace SpineKit.Detection.Evaluation;

/// <summary>One image of an evaluation: prediction, reference and the per-image figures.</summary>
/// <param name="Name">Image file name.</param>
/// <param name="Path">Image path, for drawing overlays later.</param>
/// <param name="Prediction">What the detector found.</param>
/// <param name="Truth">The (sanitised) reference landmarks.</param>
/// <param name="TruthAngles">The reference challenge angles.</param>
/// <param name="PredictedAngles">The challenge angles of the prediction.</param>
/// <param name="MeanRadialError">Mean corner distance in original pixels.</param>
public sealed record EvaluatedImage(
    string Name, string Path, LandmarkPrediction Prediction, LandmarkSet Truth, AngleTriple TruthAngles, AngleTriple PredictedAngles, double MeanRadialError)
{
    /// <summary>How many levels the labels sit off the truth (<see cref="LandmarkMetrics.LevelOffset"/>): 0 when right, null when nothing was found.</summary>
    public int? LevelOffset { get; } = LandmarkMetrics.LevelOffset(Prediction.Landmarks, Truth);

    /// <summary>
    /// Re-creates the grey image (in [0, 1]) the detector was shown when it was not the file itself (a cut or
    /// zoomed-out view), so an overlay is drawn in the pixels the prediction and truth are in; null for the
    /// usual view. The view is made again on demand rather than kept: a run holds a hundred films.
    /// </summary>
    public Func<Image<float>>? RecreateView { get; init; }

    /// <summary>Levels the film shows whose labelled vertebra was dropped as unusable (<see cref="Anatomy.Labels.SanitizedLandmarks.DroppedLevels"/>).</summary>
    public IReadOnlySet<VertebraLevel> DroppedLevels { get; init; } = new HashSet<VertebraLevel>();

    /// <summary>The kinds of label problem the <see cref="LabelSanitizer"/> found in the film's labels (empty for clean labels).</summary>
    public IReadOnlyList<LabelIssueKind> LabelIssues { get; init; } = [];

    /// <summary>Levels reported that the truth does not have (and that were not dropped from the labels as unusable).</summary>
    public IReadOnlyList<VertebraLevel> InventedLevels =>
        [.. Prediction.Landmarks.Vertebrae.Select(v => v.Level).Where(level => Truth.Find(level) is null && !DroppedLevels.Contains(level))];

    /// <summary>Levels the truth has that were not reported.</summary>
    public IReadOnlyList<VertebraLevel> MissedLevels =>
        [.. Truth.Vertebrae.Select(v => v.Level).Where(level => Prediction.Landmarks.Find(level) is null)];
}
