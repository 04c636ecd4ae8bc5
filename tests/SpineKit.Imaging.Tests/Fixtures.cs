namespace SpineKit.Imaging.Tests;

/// <summary>Locates the small committed fixture files copied beside the test binaries.</summary>
internal static class Fixtures
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string PathOf(string folder, string file) => Path.Combine(Folder(folder), file);
}
