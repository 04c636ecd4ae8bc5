namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>How a written sequence and its items state their length (PS3.5 7.5): both forms are valid DICOM.</summary>
public enum DicomSequenceLength
{
    /// <summary>Explicit byte counts for the sequence and each item.</summary>
    Defined,

    /// <summary>Length 0xFFFFFFFF with item and sequence delimitation items.</summary>
    Undefined,
}
