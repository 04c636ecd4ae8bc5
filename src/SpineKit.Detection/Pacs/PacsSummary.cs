namespace SpineKit.Detection.Pacs;

/// <summary>What one pass of the worker did.</summary>
/// <param name="Found">Instances the search returned.</param>
/// <param name="Analysed">Instances analysed and whose report was stored.</param>
/// <param name="Skipped">Instances that already had this version's report, or that the film check refused.</param>
/// <param name="Failed">Instances that could not be fetched, decoded, analysed or stored (each logged).</param>
public sealed record PacsSummary(int Found, int Analysed, int Skipped, int Failed)
{
    /// <inheritdoc />
    public override string ToString() => $"{Found} found, {Analysed} analysed, {Skipped} skipped, {Failed} failed";
}
