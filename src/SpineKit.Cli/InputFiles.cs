namespace SpineKit.Cli;

/// <summary>
/// Expands the command line's files and folders into the list of files to process: folders are walked
/// recursively, the result is de-duplicated and sorted ordinally so every machine sees the same order,
/// which is what makes <c>--shard</c> deterministic.
/// </summary>
internal static class InputFiles
{
    /// <summary>Files named directly, then those found in folders; throws when a named path does not exist.</summary>
    public static IReadOnlyList<(string Path, bool Explicit)> Expand(IEnumerable<string> inputs)
    {
        var files = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                files[full] = true;
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    if (!Path.GetFileName(file).StartsWith('.'))
                    {
                        files.TryAdd(file, false);
                    }
                }
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {input}", input);
            }
        }

        return files.Select(p => (p.Key, p.Value)).ToList();
    }

    /// <summary>Parses <c>I/N</c> (I from 0 to N-1) and keeps every N-th file starting at I.</summary>
    public static IReadOnlyList<T> Shard<T>(IReadOnlyList<T> files, string? shard)
    {
        if (string.IsNullOrEmpty(shard))
        {
            return files;
        }

        var parts = shard.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var index) || !int.TryParse(parts[1], out var count) || count < 1 || index < 0 || index >= count)
        {
            throw new FormatException($"--shard must be I/N with 0 <= I < N (e.g. 0/4), not '{shard}'.");
        }

        return files.Where((_, i) => i % count == index).ToList();
    }
}
