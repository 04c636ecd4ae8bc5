using System.Globalization;
using System.Security.Cryptography;
using SpineKit.Imaging;

namespace SpineKit.Cli;

/// <summary>One decoded file of a batch.</summary>
/// <param name="File">Where it came from.</param>
/// <param name="Image">The decoded radiograph.</param>
/// <param name="Sha256">SHA-256 of the file's bytes (lower-case hexadecimal), for provenance.</param>
internal sealed record BatchItem(InputFile File, RadiographImage Image, string Sha256);

/// <summary>How a batch went: counts, the files that failed, and the exit code they imply.</summary>
/// <param name="Done">Files processed.</param>
/// <param name="Failed">Files that could not be processed (each was named on the error stream).</param>
/// <param name="Skipped">Files found in folders that are not images.</param>
/// <param name="Failures">The failed files' names with what went wrong, in input order.</param>
internal sealed record BatchOutcome(int Done, int Failed, int Skipped, IReadOnlyList<(string Name, string Reason)> Failures)
{
    /// <summary>The failed files' names, in input order.</summary>
    public IReadOnlyList<string> FailedNames => [.. Failures.Select(f => f.Name)];

    /// <summary>0 when every file was processed, 1 when any failed or none was processed.</summary>
    public int ExitCode => Failed > 0 || Done == 0 ? ExitCodes.ProcessingError : ExitCodes.Success;

    /// <summary>"3 analysed, 1 failed (x.jpg), 0 skipped (not images)", naming up to ten failures.</summary>
    public string Describe(string pastTense)
    {
        var failures = Failed == 0 ? string.Empty
            : $" ({string.Join(", ", FailedNames.Take(10))}{(FailedNames.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $" and {FailedNames.Count - 10} more") : string.Empty)})";
        return string.Create(CultureInfo.InvariantCulture, $"{Done} {pastTense}, {Failed} failed{failures}, {Skipped} skipped (not images)");
    }
}

/// <summary>
/// The one loop over a batch of radiographs that <c>analyze</c> and <c>segment</c> share: each file is read within
/// the decoding limits, decoded and handed to the command; whatever goes wrong with one file (damaged, hostile,
/// unreadable, even out of memory) is named on the error stream and the batch goes on with the next.
/// </summary>
internal static class BatchRunner
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".jpe", ".png", ".dcm", ".dicom", ".dic" };

    /// <summary>
    /// Runs <paramref name="process"/> (which returns the file's summary line) on every file, with a progress bar
    /// unless <paramref name="quiet"/> (machine-readable output must be alone on the output stream).
    /// </summary>
    public static BatchOutcome Run(
        string title,
        IReadOnlyList<InputFile> files,
        ImageReadOptions readOptions,
        TextWriter console,
        TextWriter errors,
        Func<BatchItem, string> process,
        bool quiet = false)
    {
        int done = 0, failed = 0, skipped = 0;
        var failures = new List<(string, string)>();
        Func<Func<Action<double, string>, int>, int> display = quiet ? work => work((_, _) => { }) : work => ProgressDisplay.Run(title, work);
        display(report =>
        {
            foreach (var file in files)
            {
                report((double)(done + failed + skipped) / files.Count, file.DisplayName);
                string? problem = null;
                try
                {
                    var item = Read(file, readOptions, errors);
                    if (item is null)
                    {
                        skipped++;
                        continue;
                    }

                    console.WriteLine(process(item));
                    done++;
                }
                catch (Exception exception) when (UserFacingError.TryDescribe(exception, out var message))
                {
                    problem = message;
                }
                catch (OutOfMemoryException)
                {
                    // The decoding limits should make this unreachable; it is caught per file as the last resort so
                    // one file cannot end a batch of thousands.
                    GC.Collect();
                    problem = "ran out of memory on this file (lower --max-megapixels or free memory); the batch goes on";
                }

                if (problem is not null)
                {
                    errors.WriteLine($"spinekit: {file.DisplayName}: {problem}");
                    failures.Add((file.DisplayName, problem));
                    failed++;
                }
            }

            return 0;
        });

        return new BatchOutcome(done, failed, skipped, failures);
    }

    /// <summary>
    /// The decoded image, or null for a file found in a folder that is not an image (skipped; named when its
    /// extension says it should have been one). Files named on the command line must be images.
    /// </summary>
    private static BatchItem? Read(InputFile file, ImageReadOptions options, TextWriter errors)
    {
        var namedLikeImage = ImageExtensions.Contains(Path.GetExtension(file.Path));
        if (!file.Explicit && !namedLikeImage && new FileInfo(file.Path).Length == 0)
        {
            // An empty README or lock file in a folder of films is not worth a line; an empty .dcm is (below).
            return null;
        }

        var bytes = ImageReader.ReadBytes(file.Path, options);
        if (!file.Explicit && ImageReader.DetectFormat(bytes) is null)
        {
            if (namedLikeImage)
            {
                errors.WriteLine($"spinekit: {file.DisplayName}: skipped, its content is not JPEG, PNG or DICOM despite its name");
            }

            return null;
        }

        return new BatchItem(file, ImageReader.Read(bytes, 0, options), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
