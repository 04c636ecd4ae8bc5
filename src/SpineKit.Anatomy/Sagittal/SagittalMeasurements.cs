namespace SpineKit.Anatomy.Sagittal;

/// <summary>The sagittal angles of a lateral view in degrees; null when a needed level is not labelled.</summary>
/// <param name="LordosisL1L5">Upper endplate of L1 to lower endplate of L5; positive is lordosis, negative kyphosis.</param>
/// <param name="LordosisL1S1">Upper endplate of L1 to upper endplate of S1; positive is lordosis.</param>
/// <param name="SacralSlope">S1 upper endplate against the horizontal; positive when its anterior end is lower (the normal case).</param>
public sealed record SagittalMeasurements(double? LordosisL1L5, double? LordosisL1S1, double? SacralSlope);
