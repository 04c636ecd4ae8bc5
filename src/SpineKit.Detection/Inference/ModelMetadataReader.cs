using System.Globalization;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Reads a network design back from a model file's metadata: every value looked up by key, parsed in the invariant
/// culture, and every absence or malformation a <see cref="FormatException"/> that names the key and the trainer
/// that should have written it. One reader for every network's configuration.
/// </summary>
internal sealed class ModelMetadataReader
{
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly string _trainer;

    /// <summary>Reads <paramref name="metadata"/>, written by SpineKit's <paramref name="trainer"/> trainer (for messages).</summary>
    public ModelMetadataReader(IReadOnlyDictionary<string, string> metadata, string trainer)
    {
        _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        _trainer = trainer;
    }

    /// <summary>The text under <paramref name="key"/>.</summary>
    public string Text(string key) => _metadata.TryGetValue(key, out var value)
        ? value
        : throw new FormatException($"The model file's metadata has no '{key}': it was not written by SpineKit's {_trainer} trainer.");

    /// <summary>The integer under <paramref name="key"/>.</summary>
    public int Integer(string key) => ParseInteger(key, Text(key));

    /// <summary>The comma-separated integers under <paramref name="key"/>.</summary>
    public int[] Integers(string key) => [.. Text(key).Split(',').Select(part => ParseInteger(key, part))];

    /// <summary>The number under <paramref name="key"/>.</summary>
    public double Number(string key) => double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"The model file's metadata '{key}' is not a number.");

    /// <summary>Throws unless the file holds a <paramref name="network"/> network (<paramref name="description"/> for the message, e.g. "corner refiner").</summary>
    public void RequireNetwork(string network, string description)
    {
        if (Text("network") != network)
        {
            throw new FormatException($"The model file holds a '{Text("network")}' network, not a {network} {description}.");
        }
    }

    private static int ParseInteger(string key, string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"The model file's metadata '{key}' is malformed: '{text}' is not an integer.");
}
