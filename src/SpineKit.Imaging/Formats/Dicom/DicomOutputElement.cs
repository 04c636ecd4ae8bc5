namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>One element to write: its encoded value (already padded to an even length), or its sequence items.</summary>
internal sealed record DicomOutputElement(DicomTag Tag, string Vr, byte[]? Value, IReadOnlyList<DicomDatasetBuilder>? Items, DicomSequenceLength Length);
