namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>One fragment of encapsulated pixel data: where its item starts (relative to the first fragment) and its bytes.</summary>
internal sealed record DicomFragment(long RelativeOffset, long FileOffset, byte[] Data);
