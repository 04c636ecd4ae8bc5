namespace SpineKit.Cli;

/// <summary>
/// Finds the segmentation models when <c>--models</c> is not given: <c>SPINEKIT_SEGMENTATION_MODELS</c>, else the
/// <c>models/segmentation</c> folder beside the program or in one of its parent folders, every model file in it
/// checked against the <see cref="ModelManifest"/> (as <see cref="ModelLocator"/> does, never the working directory).
/// </summary>
internal static class SegmentationModelLocator
{
    /// <summary>Folder (under <c>models/</c>) of the shipped fold models.</summary>
    public const string FolderName = "segmentation";

    /// <summary>The model file or folder to load.</summary>
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

        var models = ModelLocator.ShippedModelsFolder(folder => Directory.Exists(Path.Combine(folder, FolderName)))
            ?? throw new FileNotFoundException($"no --models given and models/{FolderName}/ was not found beside the program or in its parent folders (train models with 'spinekit train segmentation')", FolderName);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(models, FolderName), "*.safetensors").Order(StringComparer.Ordinal))
        {
            ModelManifest.Verify(models, $"{FolderName}/{Path.GetFileName(file)}");
        }

        return Path.Combine(models, FolderName);
    }
}
