namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>One kept data element: its raw value bytes (in the dataset's byte order), or its sequence items.</summary>
internal sealed class DicomElement(DicomTag tag, string? vr, byte[] value, long offset)
{
    public DicomTag Tag { get; } = tag;

    /// <summary>The two-letter value representation, or null when the dataset is implicit VR.</summary>
    public string? Vr { get; } = vr;

    public byte[] Value { get; } = value;

    /// <summary>Byte offset of the element's tag, for error messages.</summary>
    public long Offset { get; } = offset;

    /// <summary>Nested datasets when the element is a sequence.</summary>
    public List<DicomDataset> Items { get; } = [];
}
