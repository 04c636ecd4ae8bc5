namespace SpineKit.Anatomy.Cobb;

/// <summary>
/// The challenge triple with the facts that explain it. Every index is a position in the landmark list as
/// given (raw, unsorted), 0-based, so it maps back to the exact vertebra the organisers' program used.
/// </summary>
/// <param name="Angles">The three angles in degrees.</param>
/// <param name="UpperEnd">U: the vertebra of the largest pair found first scanning by column.</param>
/// <param name="LowerEnd">L: U's partner in the largest pair.</param>
/// <param name="Pivot">P: the vertebra above U that maximises angle 2 (only meaningful in S-shaped cases; else null).</param>
/// <param name="IsSShaped">The S-test's verdict.</param>
/// <param name="Case">Which branch of the rules applied.</param>
/// <param name="SecondPair">The two vertebrae that angle 2 is measured between.</param>
/// <param name="ThirdPair">The two vertebrae that angle 3 is measured between.</param>
public sealed record ChallengeCobbResult(
    AngleTriple Angles,
    int UpperEnd,
    int LowerEnd,
    int? Pivot,
    bool IsSShaped,
    ChallengeCobbCase Case,
    (int A, int B) SecondPair,
    (int A, int B) ThirdPair);
