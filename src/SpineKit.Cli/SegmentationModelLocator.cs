namespace SpineKit.Cli;

/// <summary>
/// Finds the segmentation models when <c>--models</c> is not given: <c>SPINEKIT_SEGMENTATION_MODELS</c>, else a
/// <c>models/segmentation</c> folder in the current folder or any parent, else beside the executable or its parents.
/// </summary>
internal static class SegmentationModelLocator
{
    /// <summary>Folder (under <c>models/</c>) of the shipped fold models.</summary>
    public const string FolderName = "segmentation";

    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) || Directory.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"no segmentation model file or folder at {explicitPath}", explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("SPINEKIT_SEGMENTATION_MODELS");
        if (!string.IsNullOrEmpty(fromEnvironment) && (File.Exists(fromEnvironment) || Directory.Exists(fromEnvironment)))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "models", FolderName);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"no --models given and models/{FolderName}/ was not found in the current folder, the program's folder or their parents (train models with 'spinekit train segmentation')", FolderName);
    }
}
