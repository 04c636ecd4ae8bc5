using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Anatomy.Cobb;

/// <summary>
/// The one call that measures a coronal spine: the challenge's triple (on the raw order, as the organisers'
/// program saw it) and the clinical curve report (on the sanitised order), with the sanitiser's findings.
/// </summary>
public static class CobbAnalysis
{
    /// <summary>Measures <paramref name="landmarks"/>.</summary>
    /// <param name="landmarks">The landmark set as produced or labelled; it is not modified.</param>
    /// <param name="minimumCurveDegrees">The smallest turn of vertebral tilt the clinical report counts as a curve.</param>
    public static CobbAnalysisResult Analyze(LandmarkSet landmarks, double minimumCurveDegrees = ClinicalCurves.DefaultMinimumCurveDegrees)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var sanitized = LabelSanitizer.Sanitize(landmarks);
        var challenge = landmarks.Vertebrae.Count >= 2 && landmarks.Vertebrae.All(v => v.HasLowerEndplate)
            ? ChallengeCobb.Compute(landmarks)
            : null;
        var clinical = ClinicalCurves.Analyze(sanitized.Landmarks, minimumCurveDegrees);
        return new CobbAnalysisResult(challenge, clinical, sanitized);
    }
}
