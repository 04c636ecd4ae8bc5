namespace SpineKit.Cli;

/// <summary>One file of a batch: its full path, whether the user named it, and its name relative to the folder it was found in.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Explicit">True when named on the command line (then anything but an image is an error, not a skip).</param>
/// <param name="DisplayName">The path relative to the folder given on the command line (so <c>a/x.jpg</c> and <c>b/x.jpg</c> differ), or the file name of a file named directly (never its folders, which may name the patient).</param>
internal sealed record InputFile(string Path, bool Explicit, string DisplayName);

/// <summary>
/// Expands the command line's files and folders into the list of files to process: folders are walked
/// recursively, the result is de-duplicated and sorted ordinally so every machine sees the same order,
/// which is what makes <c>--shard</c> deterministic. The walk follows symbolic links to folders but never enters
/// a folder twice (a link back to an ancestor is a loop and is reported), skips hidden entries, and leaves out
/// the batch's own output folder so a rerun does not analyse its overlays as patients.
/// </summary>
internal static class InputFiles
{
    /// <summary>Files named directly, then those found in folders; throws when a named path does not exist.</summary>
    /// <param name="inputs">Files and folders from the command line.</param>
    /// <param name="excludedFolder">A folder never walked (the output folder), or null.</param>
    /// <param name="notes">Receives one line per folder left out (loops, the output folder, unreadable folders).</param>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> inputs, string? excludedFolder = null, Action<string>? notes = null)
    {
        var files = new SortedDictionary<string, InputFile>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var excluded = excludedFolder is null ? null : Canonical(Path.GetFullPath(excludedFolder));
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                files[full] = new InputFile(full, true, Path.GetFileName(full));
            }
            else if (Directory.Exists(full))
            {
                Walk(full, full, files, visited, excluded, notes ?? (_ => { }));
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {input}", input);
            }
        }

        return files.Values.ToList();
    }

    /// <summary>Parses <c>I/N</c> (I from 0 to N-1) and keeps every N-th file starting at I.</summary>
    public static IReadOnlyList<T> Shard<T>(IReadOnlyList<T> files, string? shard)
    {
        if (string.IsNullOrEmpty(shard))
        {
            return files;
        }

        if (!TryParseShard(shard, out var index, out var count))
        {
            throw new FormatException($"--shard must be I/N with 0 <= I < N (e.g. 0/4), not '{shard}'.");
        }

        return files.Where((_, i) => i % count == index).ToList();
    }

    /// <summary>Parses <c>I/N</c> with <c>0 &lt;= I &lt; N</c>.</summary>
    public static bool TryParseShard(string text, out int index, out int count)
    {
        count = 0;
        var parts = text.Split('/');
        return int.TryParse(parts[0], out index) & parts.Length == 2 && int.TryParse(parts[1], out count) && count >= 1 && index >= 0 && index < count;
    }

    private static void Walk(string directory, string root, SortedDictionary<string, InputFile> files, HashSet<string> visited, string? excluded, Action<string> notes)
    {
        var identity = Canonical(directory);
        if (excluded is not null && identity == excluded)
        {
            notes($"{Relative(root, directory)}: not read, it is the output folder");
            return;
        }

        if (!visited.Add(identity))
        {
            notes($"{Relative(root, directory)}: not read again, it leads back to a folder already walked (a symbolic-link loop or a second link)");
            return;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                if (!Path.GetFileName(file).StartsWith('.'))
                {
                    files.TryAdd(file, new InputFile(file, false, Relative(root, file)));
                }
            }

            foreach (var child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(child).StartsWith('.'))
                {
                    Walk(child, root, files, visited, excluded, notes);
                }
            }
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            notes($"{Relative(root, directory)}: not read ({exception.Message})");
        }
    }

    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative == "." ? Path.GetFileName(root) : relative;
    }

    /// <summary>The path with every symbolic link resolved (what realpath gives), for telling folders apart.</summary>
    private static string Canonical(string path, int hops = 0)
    {
        var parent = Path.GetDirectoryName(path);
        if (parent is null || hops > 40)
        {
            return path;
        }

        var resolvedParent = Canonical(parent, hops);
        var candidate = Path.Combine(resolvedParent, Path.GetFileName(path));
        var target = new DirectoryInfo(candidate).LinkTarget;
        return target is null ? candidate : Canonical(Path.GetFullPath(target, resolvedParent), hops + 1);
    }
}
