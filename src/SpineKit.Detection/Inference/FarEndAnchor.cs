using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Keeps a correction from renaming the far end of the chain. A click of a body or more re-predicts the whole chain,
/// and the corner model may then move every name by a level, also at the chain's other end, which the automatic
/// result may have had right: a chain a level off at one end only has a body missed or doubled in between, and the
/// click fixes the end it was on. So a second re-prediction pins the automatic body at the end farthest from the
/// clicks, and of the two chains the one with the more regular spacing stands: a chain renamed past a missed or
/// doubled body squeezes or stretches somewhere, and a chain held at a wrong end (the whole film named a level off)
/// does too. Only a first click is checked (one clicked body, at least six bodies in the chain, the far end more than
/// <see cref="MinimumLevelsFromClicks"/> levels from it, and not a <see cref="LocalCorrection"/>).
/// </summary>
internal static class FarEndAnchor
{
    /// <summary>The far end is pinned only when it lies more than this many levels from every clicked level.</summary>
    public const int MinimumLevelsFromClicks = 3;

    /// <summary>
    /// The four corners of the body at the end of <paramref name="automatic"/> farther from the clicked body, as hints for
    /// the corner model. None once the user has clicked more than one body (the chain is theirs to correct), when the
    /// chain is short, or when that end lies within <see cref="MinimumLevelsFromClicks"/> levels of the click.
    /// </summary>
    public static IReadOnlyList<CornerHint> Hints(LandmarkSet automatic, IReadOnlyList<CornerHint> hints)
    {
        var bodies = automatic.Vertebrae.Where(v => v.HasLowerEndplate).OrderBy(v => v.Level).ToList();
        if (hints.Select(h => h.Level).Distinct().Count() != 1 || bodies.Count < 2 * MinimumLevelsFromClicks)
        {
            return [];
        }

        int Distance(Vertebra v) => hints.Min(h => Math.Abs((int)h.Level - (int)v.Level));
        var far = Distance(bodies[0]) >= Distance(bodies[^1]) ? bodies[0] : bodies[^1];
        if (Distance(far) <= MinimumLevelsFromClicks)
        {
            return [];
        }

        return [.. Corners.All.Select(c => new CornerHint(far.Level, c, far[c].X, far[c].Y))];
    }

    /// <summary>
    /// How irregular the chain's spacing is: the largest departure of one centre-to-centre step's logarithm from the mean
    /// of its two neighbours' (0 for even or steadily growing steps; log 2 where one step spans two bodies between even
    /// steps).
    /// </summary>
    public static double Irregularity(LandmarkSet landmarks)
    {
        var bodies = landmarks.Vertebrae.Where(v => v.HasLowerEndplate).OrderBy(v => v.Level).ToList();
        var steps = ChainSteps.Lengths(bodies).ConvertAll(step => Math.Log(Math.Max(step, 1e-6)));
        double worst = 0;
        for (var i = 1; i + 1 < steps.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(steps[i] - ((steps[i - 1] + steps[i + 1]) / 2)));
        }

        return worst;
    }
}
