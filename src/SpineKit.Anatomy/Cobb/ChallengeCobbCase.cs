namespace SpineKit.Anatomy.Cobb;

/// <summary>Which branch of the challenge's rules produced the second and third angles.</summary>
public enum ChallengeCobbCase
{
    /// <summary>Not S-shaped: angle 2 is T1 against U, angle 3 is the last vertebra against L.</summary>
    SingleCurve,

    /// <summary>S-shaped with the main curve high on the image: angle 2 above U, angle 3 below L.</summary>
    DoubleCurveMainHigh,

    /// <summary>S-shaped with the main curve low on the image: angle 2 above U (at P), angle 3 above P.</summary>
    DoubleCurveMainLow,
}
