using System.Security.Cryptography;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Which file a model came from: its name and the SHA-256 of its bytes, so every result can say exactly which
/// weights produced it and a damaged or substituted model file can be recognised.
/// </summary>
/// <param name="Name">The file name (no folder: folders differ between machines).</param>
/// <param name="Sha256">The SHA-256 of the file as 64 lower-case hexadecimal digits.</param>
public sealed record ModelFile(string Name, string Sha256)
{
    /// <summary>The first 12 digits of the hash, enough to tell files apart in a log line.</summary>
    public string ShortHash => Sha256[..12];

    /// <summary>The UTC day the model was trained (its file's <c>training_date</c>), or null when the file does not say.</summary>
    public DateOnly? TrainingDate { get; init; }

    /// <summary>Hashes the file at <paramref name="path"/>; its training date comes from <paramref name="metadata"/>, the file's own.</summary>
    public static ModelFile Of(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.OpenRead(path);
        return new ModelFile(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(stream)))
        {
            TrainingDate = metadata is null ? null : Training.TrainingRecord.ReadDate(metadata),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => TrainingDate is { } day
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} (sha256 {ShortHash}, trained {day:yyyy-MM-dd})")
        : $"{Name} (sha256 {ShortHash})";
}
