using System.Security.Cryptography;

namespace SpineKit.Cli;

/// <summary>
/// The list of shipped model files and their SHA-256 (<c>models/SHA256SUMS</c>, the layout <c>sha256sum -c</c>
/// checks). A shipped model found without <c>--model</c> must match it, so a damaged or substituted file is
/// refused instead of silently producing other angles.
/// </summary>
internal static class ModelManifest
{
    /// <summary>The manifest's file name inside <c>models/</c>.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>Throws unless <paramref name="relativePath"/> (e.g. <c>segmentation/x.safetensors</c>) is listed in the manifest of <paramref name="modelsFolder"/> with the hash it has.</summary>
    /// <exception cref="Neural.ModelFormatException">The manifest is missing, does not list the file, or lists another hash.</exception>
    public static void Verify(string modelsFolder, string relativePath)
    {
        var manifest = Path.Combine(modelsFolder, FileName);
        if (!File.Exists(manifest))
        {
            throw new Neural.ModelFormatException($"{Path.Combine(modelsFolder, relativePath)} has no {FileName} beside it to check it against; pass --model to use an unlisted file");
        }

        var key = relativePath.Replace('\\', '/');
        string? expected = null;
        foreach (var line in File.ReadLines(manifest))
        {
            // "<64 hex digits><space><space or *><path>"
            if (line.Length > 66 && line[64] == ' ' && string.Equals(line[66..], key, StringComparison.Ordinal))
            {
                expected = line[..64].ToLowerInvariant();
            }
        }

        if (expected is null)
        {
            throw new Neural.ModelFormatException($"{key} is not listed in {manifest}; pass --model to use an unlisted file");
        }

        string actual;
        using (var stream = File.OpenRead(Path.Combine(modelsFolder, relativePath)))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (actual != expected)
        {
            throw new Neural.ModelFormatException(
                $"{Path.Combine(modelsFolder, relativePath)} does not match {FileName} (sha256 {actual[..12]}..., expected {expected[..12]}...): the file was changed or damaged; restore it, or pass --model to use it anyway");
        }
    }
}
