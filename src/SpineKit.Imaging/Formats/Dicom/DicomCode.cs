namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>A coded concept (PS3.3 8.8): code value, coding scheme designator and code meaning.</summary>
/// <param name="Value">Code Value (0008,0100), at most 16 characters.</param>
/// <param name="Scheme">Coding Scheme Designator (0008,0102): DCM, SCT, UCUM, or a private 99-prefixed scheme.</param>
/// <param name="Meaning">Code Meaning (0008,0104), at most 64 characters.</param>
public sealed record DicomCode(string Value, string Scheme, string Meaning)
{
    /// <summary>The code as a Code Sequence item.</summary>
    public DicomDatasetBuilder ToItem() =>
        new DicomDatasetBuilder()
            .AddText(0x0008, 0x0100, "SH", Value)
            .AddText(0x0008, 0x0102, "SH", Scheme)
            .AddText(0x0008, 0x0104, "LO", Meaning);

    /// <inheritdoc />
    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}
