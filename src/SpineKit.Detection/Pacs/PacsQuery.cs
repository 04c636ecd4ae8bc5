namespace SpineKit.Detection.Pacs;

/// <summary>Which instances the worker looks for.</summary>
/// <param name="Since">Only studies on or after this date (Study Date), or all when null.</param>
/// <param name="Modalities">The modalities searched (one QIDO-RS search each), e.g. CR and DX.</param>
/// <param name="BodyPart">Body Part Examined to match (e.g. SPINE), or any when null.</param>
public sealed record PacsQuery(DateOnly? Since, IReadOnlyList<string> Modalities, string? BodyPart);
