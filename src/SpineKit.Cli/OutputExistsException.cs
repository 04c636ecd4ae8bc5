namespace SpineKit.Cli;

/// <summary>
/// An output file is already there and <c>--overwrite</c> was not given: results of an earlier run are never
/// replaced silently. An <see cref="IOException"/>, so a batch reports it for the one input and goes on.
/// </summary>
internal sealed class OutputExistsException : IOException
{
    /// <summary>Names <paramref name="path"/> and says how to replace it.</summary>
    public OutputExistsException(string path)
        : base($"{Shown(path)} already exists (from an earlier run?); pass --overwrite to replace it, or choose another --out")
    {
        Path = path;
    }

    /// <summary>The output file that exists.</summary>
    public string Path { get; }

    // Relative to the working directory when it lies below it (what the user typed, usually), else in full.
    private static string Shown(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? path : relative;
    }
}
