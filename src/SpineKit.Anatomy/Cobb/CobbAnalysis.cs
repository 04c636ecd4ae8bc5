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
    /// <param name="requireChallengeLevels">Leave the challenge triple out unless T1 to L5 are all present (results of a partial view).</param>
    public static CobbAnalysisResult Analyze(LandmarkSet landmarks, double minimumCurveDegrees = ClinicalCurves.DefaultMinimumCurveDegrees, bool requireChallengeLevels = false)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var sanitized = LabelSanitizer.Sanitize(landmarks);
        var clinical = ClinicalCurves.Analyze(sanitized.Landmarks, minimumCurveDegrees);
        return new CobbAnalysisResult(Challenge(landmarks, requireChallengeLevels), clinical, sanitized);
    }

    /// <summary>
    /// The challenge triple alone, as <see cref="Analyze"/> gives it: null with fewer than two vertebrae, one lacking its
    /// lower endplate, or (with <paramref name="requireChallengeLevels"/>) a level of T1 to L5 missing.
    /// </summary>
    public static ChallengeCobbResult? Challenge(LandmarkSet landmarks, bool requireChallengeLevels = false)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        return landmarks.Vertebrae.Count >= 2 && landmarks.Vertebrae.All(v => v.HasLowerEndplate)
            && (!requireChallengeLevels || CoversChallengeLevels(landmarks))
            ? ChallengeCobb.Compute(landmarks)
            : null;
    }

    /// <summary>Whether every level of the challenge's triple (T1 to L5) is in the set: a partial view's triple would not mean PT/MT/TL.</summary>
    public static bool CoversChallengeLevels(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        return VertebraLevels.ChallengeLevels.All(level => landmarks.Find(level) is not null);
    }
}
