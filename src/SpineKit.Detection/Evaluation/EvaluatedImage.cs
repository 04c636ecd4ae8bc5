using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;

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
}
