namespace SpineKit.TestSupport;

/// <summary>Finds files of this checkout (the shipped model, the sample) by walking up from the test binaries.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder that holds <c>SpineKit.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped AP landmark model.</summary>
    public static string Model => Path.Combine(Root, "models", "spinekit-landmarks-ap.safetensors");

    /// <summary>The shipped field-of-view locator.</summary>
    public static string LocatorModel => Path.Combine(Root, "models", "spinekit-locator-ap.safetensors");

    /// <summary>The shipped corner refiner.</summary>
    public static string RefinerModel => Path.Combine(Root, "models", "spinekit-refiner-ap.safetensors");

    /// <summary>The shipped level classifier.</summary>
    public static string LevelsModel => Path.Combine(Root, "models", "spinekit-levels-ap.safetensors");

    /// <summary>The folder of the shipped segmentation fold models.</summary>
    public static string SegmentationModels => Path.Combine(Root, "models", "segmentation");

    /// <summary>The bundled sample radiograph.</summary>
    public static string Sample => Path.Combine(Root, "samples", "ap-radiograph.jpg");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpineKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"SpineKit.sln not found above {AppContext.BaseDirectory}");
    }
}
