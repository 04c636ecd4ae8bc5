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
    CurveSeverity Severity);
