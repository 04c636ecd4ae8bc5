namespace SpineKit.Detection.Segmentation.Training;

/// <summary>
/// Seeded K-fold assignment: names sorted ordinally, shuffled by a seeded Fisher-Yates, then dealt to
/// folds in turn (so fold sizes differ by at most one). The same names, K and seed always give the same
/// folds on any machine. Fold numbers run from 0; fold <c>k</c>'s model trains on every other fold.
/// </summary>
public static class KFoldSplit
{
    /// <summary>The default number of folds.</summary>
    public const int DefaultFolds = 5;

    /// <summary>The seed of the fold assignment used for every shipped model.</summary>
    public const int DefaultSeed = 20240508;

    /// <summary>The fold of every name.</summary>
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> names, int folds = DefaultFolds, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        for (var i = sorted.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (sorted[i], sorted[j]) = (sorted[j], sorted[i]);
        }

        return sorted.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index % folds, StringComparer.Ordinal);
    }
}
