using System.Text;

namespace SpineKit.Cli;

/// <summary>
/// Writes result files atomically: the content goes to a hidden temporary file beside the target, which is then
/// renamed onto it, so a full disk or a killed process leaves the previous file or none, never half a file. An
/// existing file is replaced only when the user asked for it (<c>--overwrite</c>); otherwise it is an
/// <see cref="OutputExistsException"/>.
/// </summary>
internal static class OutputFile
{
    /// <summary>The option that allows replacing existing outputs; one definition for every command that writes files.</summary>
    public static System.CommandLine.Option<bool> OverwriteOption() =>
        new("--overwrite") { Description = "Replace output files that already exist (without it, an existing output is an error for that input)." };

    /// <summary>Throws <see cref="OutputExistsException"/> for the first of <paramref name="paths"/> that exists, unless <paramref name="overwrite"/>.</summary>
    /// <remarks>Called before the work for an input starts, so a film whose results exist is not analysed for nothing.</remarks>
    public static void RequireFree(bool overwrite, params ReadOnlySpan<string> paths)
    {
        if (overwrite)
        {
            return;
        }

        foreach (var path in paths)
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new OutputExistsException(Path.GetFullPath(path));
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OutputExistsException">The file exists and <paramref name="overwrite"/> is false (nothing is changed).</exception>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // Checked again at the rename: another process may have written the file since RequireFree.
            RequireFree(overwrite, path);
            File.Move(temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string text, bool overwrite) => Write(path, Encoding.UTF8.GetBytes(text), overwrite);
}
