using SpineKit.Anatomy;

namespace SpineKit.Detection.LevelNaming;

/// <summary>What <see cref="LevelClassifier.Name"/> decided for one film.</summary>
/// <param name="Landmarks">The vertebrae with their new names; those named beyond T1-L5 (a C7, an S1) are left out.</param>
/// <param name="Shift">Levels every name moved by (positive: down, a T1 became T2).</param>
/// <param name="Margin">Log-likelihood of the chosen naming over the next best (natural log); infinite when there was no choice.</param>
/// <param name="Confidence">Posterior probability of the chosen naming among all shifts (uniform prior over shifts).</param>
public sealed record LevelNamingResult(LandmarkSet Landmarks, int Shift, double Margin, double Confidence)
{
    /// <summary>Whether another naming scores almost as well: "check the level labels".</summary>
    public bool InDoubt => Margin < LevelClassifier.DoubtfulMargin;
}
