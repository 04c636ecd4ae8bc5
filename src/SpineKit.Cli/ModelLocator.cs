namespace SpineKit.Cli;

/// <summary>
/// Finds the shipped model when <c>--model</c> is not given: <c>SPINEKIT_MODEL</c>, else <c>models/&lt;name&gt;</c>
/// beside the program or in one of its parent folders (the source tree's <c>models/</c> when run with
/// <c>dotnet run</c>), checked against that folder's <see cref="ModelManifest"/>. The working directory is not
/// searched: a <c>models/</c> folder wherever the user happens to stand must not replace the shipped model.
/// </summary>
internal static class ModelLocator
{
    /// <summary>File name of the shipped AP landmark model.</summary>
    public const string LandmarkModel = "spinekit-landmarks-ap.safetensors";

    /// <summary>File name of the shipped field-of-view locator in <c>models/</c>.</summary>
    public const string LocatorModel = "spinekit-locator-ap.safetensors";

    /// <summary>File name of the shipped corner refiner in <c>models/</c>.</summary>
    public const string RefinerModel = "spinekit-refiner-ap.safetensors";

    /// <summary>File name of the shipped level classifier, which names the locator's levels from anatomy.</summary>
    public const string LevelClassifierModel = "spinekit-levels-ap.safetensors";

    /// <summary>The model file to load: <paramref name="explicitPath"/> when given, else the shipped <paramref name="fileName"/> (verified).</summary>
    public static string Resolve(string? explicitPath, string fileName)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException($"model file not found: {explicitPath}", explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("SPINEKIT_MODEL");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var models = ShippedModelsFolder(folder => File.Exists(Path.Combine(folder, fileName)))
            ?? throw new FileNotFoundException($"no --model given and models/{fileName} was not found beside the program or in its parent folders", fileName);
        ModelManifest.Verify(models, fileName);
        return Path.Combine(models, fileName);
    }

    /// <summary>The first <c>models/</c> folder, from the program's folder upwards, for which <paramref name="holds"/> is true; null when none.</summary>
    public static string? ShippedModelsFolder(Func<string, bool> holds)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "models");
            if (holds(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
