namespace SpineKit.Anatomy.Clinical;

/// <summary>What a surgeon reads off a coronal radiograph: every curve and every vertebra's tilt.</summary>
/// <param name="Curves">The curves top to bottom; consecutive curves may share an end vertebra.</param>
/// <param name="Tilts">Tilt of every vertebra, top to bottom.</param>
public sealed record ClinicalCurveReport(IReadOnlyList<CoronalCurve> Curves, IReadOnlyList<VertebralTilt> Tilts)
{
    /// <summary>The curve with the largest Cobb angle, or null when there is none.</summary>
    public CoronalCurve? Major => Curves.Count == 0 ? null : Curves.MaxBy(c => c.CobbAngle);

    /// <summary>
    /// The CSVL, Lenke lumbar modifier, fractional curve and coronal balance, when S1 is among the landmarks (the
    /// shipped AP models find T1-L5 only, so this comes from labels that include S1); null otherwise.
    /// </summary>
    public SacralAlignment? Sacral { get; init; }
}
