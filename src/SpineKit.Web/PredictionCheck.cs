using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Inference;

namespace SpineKit.Web;

/// <summary>
/// The last line of defense before a prediction becomes a session's state: every corner and every angle is
/// a finite number and the analysis document can be written. Hints the refiner accepts (it throws
/// <see cref="Detection.InvalidHintException"/> otherwise) can still pin a corner onto the one the network put
/// beside it; a session must never hold a state whose exports fail or read NaN.
/// </summary>
internal static class PredictionCheck
{
    /// <summary>True when <paramref name="prediction"/> can be served and exported.</summary>
    public static bool IsServable(LandmarkPrediction prediction, string fileName, string? spacingSource)
    {
        if (prediction.Landmarks.CornerArray().Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
        {
            return false;
        }

        if (ChallengeEntry.FromLandmarks(fileName, prediction.Landmarks).Angles is { } angles
            && !(double.IsFinite(angles.First) && double.IsFinite(angles.Second) && double.IsFinite(angles.Third)))
        {
            return false;
        }

        try
        {
            // The writer refuses NaN and infinities anywhere in the document (curves, apex, severity...).
            _ = Detection.Reporting.AnalysisJson.Write(prediction, fileName, spacingSource);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
