using SpineKit.Anatomy;
using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Cobb;

namespace SpineKit.Detection.Inference;

/// <summary>
/// How far each measured angle moves between two readings of the same film: the corner model's own corners and the
/// refiner's corners predicted again at full resolution. Where the two stages agree the endplates are clear; where
/// they part, an endplate is faint, crowded or cut, and the angle is less certain. Measured on the validation split
/// (see the refiner's model card) it ranks the real angle errors only weakly, but films it flags carry about twice
/// the error of the others: a reason to look again, not an error bar.
/// </summary>
/// <param name="Challenge">The absolute change of each challenge angle, degrees; null when either reading has no challenge triple.</param>
/// <param name="Curves">For each clinical curve of the final reading, in order, the absolute change of its Cobb angle between the same end vertebrae; null where the other reading lacks an end vertebra.</param>
public sealed record AngleUncertainty(AngleTriple? Challenge, IReadOnlyList<double?> Curves)
{
    /// <summary>An angle that moves by more than this many degrees between the readings flags the film: "check the angles".</summary>
    public const double FlagDegrees = 5;

    /// <summary>Whether any angle moves by more than <see cref="FlagDegrees"/>.</summary>
    public bool IsUncertain =>
        (Challenge is { } challenge && Enumerable.Range(0, AngleTriple.Count).Any(i => challenge[i] > FlagDegrees))
        || Curves.Any(c => c > FlagDegrees);

    /// <summary>
    /// Compares the angles of <paramref name="final"/> with the same angles measured on <paramref name="other"/>, the
    /// same film read by another stage (the same levels, other corners).
    /// </summary>
    /// <param name="final">The analysis reported.</param>
    /// <param name="other">The other reading's landmarks.</param>
    /// <param name="requireChallengeLevels">As for <see cref="CobbAnalysis.Analyze"/> on the final reading.</param>
    public static AngleUncertainty Between(CobbAnalysisResult final, LandmarkSet other, bool requireChallengeLevels)
    {
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(other);
        AngleTriple? challenge = null;
        if (final.Challenge?.Angles is { } angles && CobbAnalysis.Challenge(other, requireChallengeLevels)?.Angles is { } otherAngles)
        {
            challenge = new AngleTriple(Math.Abs(angles.First - otherAngles.First), Math.Abs(angles.Second - otherAngles.Second), Math.Abs(angles.Third - otherAngles.Third));
        }

        var curves = final.Clinical.Curves.Select(curve =>
        {
            var upper = other.Find(curve.UpperEnd);
            var lower = other.Find(curve.LowerEnd);
            if (upper is null || lower is null)
            {
                return (double?)null;
            }

            // The curve's own definition (upper endplate of the upper end against the lower endplate of the lower end).
            var otherAngle = Math.Abs(ClinicalCurves.TiltOf(upper).UpperEndplate - (ClinicalCurves.TiltOf(lower).LowerEndplate ?? ClinicalCurves.TiltOf(lower).UpperEndplate));
            return Math.Abs(curve.CobbAngle - otherAngle);
        }).ToList();
        return new AngleUncertainty(challenge, curves);
    }
}
