namespace SpineKit.Cli;

/// <summary>Creates an output folder and proves it writable before a batch starts, so a read-only <c>--out</c> fails in one line, not after every film was analysed.</summary>
internal static class OutputFolder
{
    /// <summary>The folder's full path, created if needed and checked by writing and deleting a hidden probe file.</summary>
    /// <exception cref="IOException">The folder cannot be created or written (the message names the option).</exception>
    public static string Prepare(string path, string option)
    {
        try
        {
            var full = Directory.CreateDirectory(path).FullName;
            var probe = Path.Combine(full, $".spinekit-write-check.{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {path} cannot be written: {exception.Message}", exception);
        }
    }
}
