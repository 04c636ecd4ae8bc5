using System.Globalization;

namespace SpineKit.Detection.Training;

/// <summary>The training date a model file records (<c>training_date</c>, UTC, yyyy-MM-dd), which every result's provenance repeats.</summary>
public static class TrainingDates
{
    /// <summary>The metadata key.</summary>
    public const string MetadataKey = "training_date";

    /// <summary>Adds <paramref name="date"/> to <paramref name="metadata"/> when there is one.</summary>
    internal static void Record(IDictionary<string, string> metadata, DateOnly? date)
    {
        if (date is { } day)
        {
            metadata[MetadataKey] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The date a model file's metadata records, or null when it records none (or an unreadable one).</summary>
    public static DateOnly? Read(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.TryGetValue(MetadataKey, out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }
}
