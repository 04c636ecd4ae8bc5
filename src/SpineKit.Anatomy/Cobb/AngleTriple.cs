namespace SpineKit.Anatomy.Cobb;

/// <summary>
/// The three angles of one row of the challenge's <c>angles.csv</c>, in degrees. They are not named curves:
/// <see cref="First"/> is the largest angle anywhere; the other two depend on the rules in <see cref="ChallengeCobb"/>.
/// </summary>
/// <param name="First">The first column (the largest angle between any two vertebrae).</param>
/// <param name="Second">The second column (usually the proximal curve).</param>
/// <param name="Third">The third column (usually the distal curve).</param>
public readonly record struct AngleTriple(double First, double Second, double Third)
{
    /// <summary>The number of angles in a triple.</summary>
    public const int Count = 3;

    /// <summary>The angle in column <paramref name="index"/> (0, 1 or 2).</summary>
    public double this[int index] => index switch
    {
        0 => First,
        1 => Second,
        2 => Third,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "An angle triple has columns 0, 1 and 2."),
    };

    /// <summary>The sum of the three angles.</summary>
    public double Sum => First + Second + Third;

    /// <summary>True when all three angles are finite.</summary>
    public bool IsFinite => double.IsFinite(First) && double.IsFinite(Second) && double.IsFinite(Third);
}
