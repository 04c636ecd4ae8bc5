using System.Text.Json;

namespace SpineKit.Detection.Pacs;

/// <summary>One instance a QIDO-RS search found: its study, series and SOP instance UIDs and what it is.</summary>
/// <param name="StudyInstanceUid">Study Instance UID (0020,000D).</param>
/// <param name="SeriesInstanceUid">Series Instance UID (0020,000E).</param>
/// <param name="SopInstanceUid">SOP Instance UID (0008,0018).</param>
/// <param name="Modality">Modality (0008,0060), when returned.</param>
/// <param name="SopClassUid">SOP Class UID (0008,0016), when returned.</param>
public sealed record DicomWebInstance(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string? Modality, string? SopClassUid)
{
    /// <summary>Reads the instances of a QIDO-RS response (application/dicom+json); entries without the three UIDs are left out.</summary>
    /// <exception cref="DicomWebException">The body is not a DICOM JSON array.</exception>
    public static IReadOnlyList<DicomWebInstance> ParseSearch(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DicomWebException("the QIDO-RS answer is not a JSON array");
            }

            var found = new List<DicomWebInstance>();
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (First(entry, "0020000D") is { } study && First(entry, "0020000E") is { } series && First(entry, "00080018") is { } instance)
                {
                    found.Add(new DicomWebInstance(study, series, instance, First(entry, "00080060"), First(entry, "00080016")));
                }
            }

            return found;
        }
        catch (JsonException exception)
        {
            throw new DicomWebException($"the QIDO-RS answer is not valid JSON ({exception.Message})", null, exception);
        }
    }

    private static string? First(JsonElement entry, string tag) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(tag, out var attribute) && attribute.ValueKind == JsonValueKind.Object &&
        attribute.TryGetProperty("Value", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0 &&
        values[0].ValueKind == JsonValueKind.String
            ? values[0].GetString()
            : null;
}
