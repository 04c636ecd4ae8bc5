namespace SpineKit.Detection.Training;

/// <summary>
/// The fixed validation split: file names sorted ordinally, shuffled by a seeded Fisher-Yates, and the
/// first <c>round(n * fraction)</c> taken for validation. The same names, seed and fraction always give
/// the same split, on any machine.
/// </summary>
internal static class DatasetSplit
{
    /// <summary>The seed of the split used for every shipped model.</summary>
    public const int DefaultSeed = 20190901;

    /// <summary>The share of images held out for validation.</summary>
    public const double DefaultValidationFraction = 0.2;

    /// <summary>Returns the validation names; every other name is for training.</summary>
    public static IReadOnlySet<string> ValidationNames(IEnumerable<string> fileNames, int seed = DefaultSeed, double fraction = DefaultValidationFraction)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var names = fileNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        for (var i = names.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (names[i], names[j]) = (names[j], names[i]);
        }

        var count = (int)Math.Round(names.Length * fraction, MidpointRounding.AwayFromZero);
        return names.Take(count).ToHashSet(StringComparer.Ordinal);
    }
}
