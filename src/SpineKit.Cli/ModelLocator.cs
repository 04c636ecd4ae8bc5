namespace SpineKit.Cli;

/// <summary>
/// Finds the shipped model when <c>--model</c> is not given: <c>SPINEKIT_MODEL</c>, else
/// <c>models/&lt;name&gt;</c> in the current folder or any parent, else beside the executable or its parents.
/// </summary>
internal static class ModelLocator
{
    /// <summary>File name of the shipped AP landmark model.</summary>
    public const string LandmarkModel = "spinekit-landmarks-ap.safetensors";

    /// <summary>File name of the shipped field-of-view locator in <c>models/</c>.</summary>
    public const string LocatorModel = "spinekit-locator-ap.safetensors";

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

        var searched = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "models", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                searched.Add(directory.FullName);
            }
        }

        throw new FileNotFoundException($"no --model given and models/{fileName} was not found in the current folder, the program's folder or their parents", fileName);
    }
}
