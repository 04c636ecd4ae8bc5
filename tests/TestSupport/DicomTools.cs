namespace SpineKit.TestSupport;

/// <summary>
/// Runs the independent DICOM oracles (OFFIS dcmtk's <c>dcmdump</c>, <c>dsrdump</c>, <c>dump2dcm</c>; David
/// Clunie's dicom3tools' <c>dciodvfy</c>) on files our code wrote. A missing tool fails the test with the
/// package to install: these checks must not pass by being skipped.
/// </summary>
internal static class DicomTools
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; returns its exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] arguments) =>
        ExternalTools.Run("DICOM oracle", tool == "dciodvfy" ? "dicom3tools" : "dcmtk", tool, arguments);

    /// <summary>
    /// The lines of <c>dciodvfy</c>'s verdict on <paramref name="path"/> that are errors (it prints
    /// "Error - ..." for each); an empty list means the object conforms to its IOD.
    /// </summary>
    public static (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, string Text) Verify(string path)
    {
        var (_, output, error) = Run("dciodvfy", path);
        var text = output + error;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList(),
            lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList(),
            text);
    }
}
