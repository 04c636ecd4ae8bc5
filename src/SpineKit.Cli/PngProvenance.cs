namespace SpineKit.Cli;

/// <summary>The text chunks every PNG that <c>analyze</c> and <c>segment</c> write carries, so a picture separated from its JSON still says what made it.</summary>
internal static class PngProvenance
{
    /// <summary><c>Software</c> (SpineKit and its version) and <c>Comment</c> (each model file with its SHA-256, and the research-use notice).</summary>
    public static IReadOnlyList<(string Keyword, string Text)> Text(IEnumerable<string> models) =>
    [
        ("Software", $"SpineKit {SpineKitApp.Version}"),
        ("Comment", $"{string.Join("; ", models)}. {Detection.Reporting.AnalysisProvenance.Notice}"),
    ];
}
