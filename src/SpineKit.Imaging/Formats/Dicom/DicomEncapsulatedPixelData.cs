namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Encapsulated pixel data: the basic offset table and the fragments, each with its file offset.</summary>
internal sealed class DicomEncapsulatedPixelData(uint[] offsetTable, List<DicomFragment> fragments, long offset)
{
    /// <summary>Frame start offsets relative to the first fragment's item tag (empty when absent).</summary>
    public uint[] OffsetTable { get; } = offsetTable;

    public List<DicomFragment> Fragments { get; } = fragments;

    public long Offset { get; } = offset;
}
