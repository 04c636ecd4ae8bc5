using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Evaluation;

/// <summary>Picks the images of a dataset that an evaluation covers.</summary>
internal static class DatasetSelection
{
    /// <summary>The entries of <paramref name="split"/>, using the split recorded in the model's metadata.</summary>
    public static List<ChallengeEntry> Select(IReadOnlyList<ChallengeEntry> entries, EvaluationSplit split, IReadOnlyDictionary<string, string> metadata)
    {
        if (split == EvaluationSplit.All)
        {
            return entries.ToList();
        }

        var seed = metadata.TryGetValue("split_seed", out var text) && int.TryParse(text, out var value)
            ? value
            : throw new InvalidDataException("The model file does not record its validation split (no 'split_seed' in its metadata): use the whole dataset.");
        var fraction = metadata.TryGetValue("validation_fraction", out var f) && double.TryParse(f, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : DatasetSplit.DefaultValidationFraction;
        var validation = DatasetSplit.ValidationNames(entries.Select(e => e.FileName), seed, fraction);
        return entries.Where(e => validation.Contains(e.FileName) == (split == EvaluationSplit.Validation)).ToList();
    }
}
