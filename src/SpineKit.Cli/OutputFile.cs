using System.Text;

namespace SpineKit.Cli;

/// <summary>
/// Writes result files atomically: the content goes to a hidden temporary file beside the target, which is then
/// renamed over it, so a full disk or a killed process leaves the previous file or none, never half a file.
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
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

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));
}
