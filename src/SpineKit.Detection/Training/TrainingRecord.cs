using System.Globalization;

namespace SpineKit.Detection.Training;

/// <summary>
/// What a model file records about the run that trained it: the command, the epoch kept, the split and seeds, the
/// validation summary and the UTC day (<c>training_date</c>, yyyy-MM-dd), which every result's provenance repeats.
/// </summary>
public static class TrainingRecord
{
    /// <summary>The metadata key of the training day.</summary>
    public const string TrainingDateKey = "training_date";

    /// <summary>The metadata of a crop-model run (refiner, level classifier): the network's own entries, then the run's.</summary>
    internal static Dictionary<string, string> Describe(IReadOnlyDictionary<string, string> network, string commandLine, DateOnly? date, int epoch, int trainingImages, int validationImages, int splitSeed, int seed, string validation)
    {
        var metadata = new Dictionary<string, string>(network)
        {
            ["training_command"] = commandLine,
            ["training_epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["training_images"] = trainingImages.ToString(CultureInfo.InvariantCulture),
            ["validation_images"] = validationImages.ToString(CultureInfo.InvariantCulture),
            ["split_seed"] = splitSeed.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["validation"] = validation,
        };
        RecordDate(metadata, date);
        return metadata;
    }

    /// <summary>Adds <paramref name="date"/> to <paramref name="metadata"/> when there is one (runs without one stay byte-identical).</summary>
    internal static void RecordDate(IDictionary<string, string> metadata, DateOnly? date)
    {
        if (date is { } day)
        {
            metadata[TrainingDateKey] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The day a model file's metadata records, or null when it records none (or an unreadable one).</summary>
    public static DateOnly? ReadDate(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.TryGetValue(TrainingDateKey, out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }
}
