namespace SpineKit.Anatomy.Clinical;

/// <summary>One curve of the coronal spine, between its most tilted end vertebrae.</summary>
/// <param name="UpperEnd">The upper end vertebra (its upper endplate is measured).</param>
/// <param name="LowerEnd">The lower end vertebra (its lower endplate is measured).</param>
/// <param name="Apex">The vertebra furthest from the line joining the end vertebrae' centres.</param>
/// <param name="CobbAngle">The angle between the two measured endplates, degrees.</param>
/// <param name="ConvexSide">The side the curve bulges to, as seen on the image.</param>
/// <param name="Region">The region by apex level.</param>
/// <param name="Severity">The severity class of <paramref name="CobbAngle"/>.</param>
public sealed record CoronalCurve(
    VertebraLevel UpperEnd,
    VertebraLevel LowerEnd,
    VertebraLevel Apex,
    double CobbAngle,
    CurveSide ConvexSide,
    CurveRegion Region,
    CurveSeverity Severity)
{
    /// <summary>True for the curve with the largest Cobb angle of its report (the major curve); the others are minor.</summary>
    public bool IsMajor { get; init; }

    /// <summary>
    /// True when an end vertebra is the first or last vertebra of the landmarks: the curve may continue past the
    /// levels found (for a T1-L5 model, above T1 or into the sacrum), so its true end and angle may be larger.
    /// </summary>
    public bool ReachesLastFoundLevel { get; init; }
}
