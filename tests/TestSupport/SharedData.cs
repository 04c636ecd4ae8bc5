namespace SpineKit.TestSupport;

/// <summary>
/// Finds <c>../shared/</c> (the read-only datasets beside the checkout). Tests that need it are tagged
/// <c>[Trait("Category", "SharedData")]</c> and fail, naming where they looked, when it is missing.
/// </summary>
internal static class SharedData
{
    /// <summary>The trait value that marks a data-backed test.</summary>
    public const string Category = "SharedData";

    private static readonly Lazy<(string? Root, string Searched)> Located = new(Locate);

    /// <summary>The absolute path of <paramref name="relative"/> under the shared folder; throws if absent.</summary>
    public static string PathOf(string relative)
    {
        var (root, searched) = Located.Value;
        if (root is null)
        {
            throw new DirectoryNotFoundException(
                $"The shared data folder was not found. Set SPINEKIT_SHARED or put 'shared/' beside the checkout. Looked in: {searched}");
        }

        var path = Path.Combine(root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Shared data '{relative}' is missing under {root}.", path);
        }

        return path;
    }

    private static (string? Root, string Searched) Locate()
    {
        var searched = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable("SPINEKIT_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            searched.Add(fromEnvironment);
            if (Directory.Exists(Path.Combine(fromEnvironment, "datasets")))
            {
                return (Path.GetFullPath(fromEnvironment), string.Join(", ", searched));
            }
        }

        // Walk up from the test binaries: <repo>/tests/X/bin/Release/net10.0 -> <repo>/.. holds shared/.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            searched.Add(candidate);
            if (Directory.Exists(Path.Combine(candidate, "datasets")))
            {
                return (candidate, string.Join(", ", searched));
            }
        }

        return (null, string.Join(", ", searched));
    }
}
