namespace SpineKit.Anatomy.Metrics;

/// <summary>One point of a PCK curve.</summary>
/// <param name="Fraction">The threshold as a fraction of the true vertebra's width.</param>
/// <param name="Percentage">The percentage (0 to 100) of corners within it.</param>
public readonly record struct PckPoint(double Fraction, double Percentage);
