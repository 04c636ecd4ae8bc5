using SpineKit.Anatomy;

namespace SpineKit.Detection.LevelNaming;

/// <summary>What <see cref="LevelClassifier.Name"/> decided for one film.</summary>
/// <param name="Landmarks">The vertebrae with their new names; those named beyond T1-L5 (a C7, an S1) are left out.</param>
/// <param name="Shift">Levels every name moved by (positive: down, a T1 became T2).</param>
/// <param name="Margin">Log-likelihood of the chosen naming over the next best (natural log); infinite when there was no choice.</param>
/// <param name="Confidence">Posterior probability of the chosen naming among all shifts (uniform prior over shifts).</param>
public sealed record LevelNamingResult(LandmarkSet Landmarks, int Shift, double Margin, double Confidence)
{
    /// <summary>Whether another naming scores almost as well: "check the level labels".</summary>
    public bool InDoubt => Margin < LevelClassifier.DoubtfulMargin;

    /// <summary>Below this probability of its own name (<see cref="ConfidenceOf"/>) an end vertebra of a chain puts the chain's names in doubt.</summary>
    public const double EndDoubtProbability = 0.2;

    /// <summary>
    /// Whether the first or the last vertebra of <paramref name="chain"/> has weak evidence of its own for its name in
    /// <paramref name="confidence"/> (the chain's <see cref="ConfidenceOf"/>, which the caller reports anyway): its
    /// crop gives that name less than <see cref="EndDoubtProbability"/>, or it has no classified crop (<see cref="ConfidenceOf"/>
    /// gives it no figure: an end the chain inferred, or a body the locator did not find). A whole chain slips a level at its ends, where the chain's other vertebrae, not the end's own
    /// crop, decided the name. Measured on the validation films with all four stages, the film-level flag with this rule
    /// marks 10 of the 18 films named a level off and 18 of the 78 named right (without it: none and 4).
    /// </summary>
    public static bool EndsInDoubt(LandmarkSet chain, IReadOnlyDictionary<VertebraLevel, double> confidence)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(confidence);
        if (chain.Vertebrae.Count == 0)
        {
            return false;
        }

        var first = chain.Vertebrae.MinBy(v => v.Level)!.Level;
        var last = chain.Vertebrae.MaxBy(v => v.Level)!.Level;
        return confidence.GetValueOrDefault(first) < EndDoubtProbability || confidence.GetValueOrDefault(last) < EndDoubtProbability;
    }

    /// <summary>
    /// For each level named, the classifier's probability that its vertebra is that level (its crops' own evidence,
    /// upright and mirrored averaged); empty when nothing was classified. A low value beside a confident chain is a
    /// vertebra whose crop looks like another level: the chain's other vertebrae decided its name.
    /// </summary>
    public IReadOnlyDictionary<VertebraLevel, double> LevelConfidence => ConfidenceOf(Landmarks);

    /// <summary>Every classified vertebra (where it lies) with its log-probabilities over <see cref="LevelClassifierConfig.Classes"/>.</summary>
    internal IReadOnlyList<(Vertebra Body, float[] LogProbabilities)> Evidence { get; init; } = [];

    /// <summary>
    /// The classifier's probability of each name of another chain of the same film (the corner model's): each of its
    /// vertebrae takes the evidence of the classified vertebra nearest to it, when that lies within
    /// <see cref="LevelTransfer.MatchDistance"/> of its height; vertebrae without such a match get no figure.
    /// </summary>
    public IReadOnlyDictionary<VertebraLevel, double> ConfidenceOf(LandmarkSet chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var result = new Dictionary<VertebraLevel, double>();
        if (Evidence.Count == 0)
        {
            return result;
        }

        foreach (var vertebra in chain.Vertebrae.Where(v => v.Confidence > 0))
        {
            var k = LevelClassifier.IndexOf(vertebra.Level);
            if (k >= 0 && LevelTransfer.TryMatch(Evidence, e => e.Body, vertebra, out var nearest))
            {
                result[vertebra.Level] = Math.Exp(nearest.LogProbabilities[k]);
            }
        }

        return result;
    }
}
