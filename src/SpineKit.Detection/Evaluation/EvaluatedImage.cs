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
    /// How the image the detector was shown was made when it was not the file itself (a cut or zoomed-out view);
    /// null for the usual view. The prediction and the truth are in that image's pixels.
    /// </summary>
    public EvaluationViewSource? ViewSource { get; init; }

    /// <summary>
    /// The grey image (in [0, 1]) the detector was shown, read from <see cref="Path"/> and, for a cut or zoomed-out view,
    /// made again from it (a run holds a hundred films, so views are not kept).
    /// </summary>
    public Image<float> ReadView()
    {
        var grey = ImageReader.Read(Path).ToGrayscale();
        return ViewSource is { } source ? EvaluationViews.Make(source.View, grey, source.Labels, source.Host).Image : grey;
    }

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
