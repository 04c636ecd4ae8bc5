namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Reads DICOM Part 10 files (with or without the preamble and meta header): implicit and explicit VR, both byte
/// orders, deflated datasets, native, RLE and (through the JPEG decoder) JPEG pixel data. Bad or unsupported input
/// raises <see cref="ImageFormatException"/> naming the problem and byte offset.
/// </summary>
internal static class DicomDecoder
{
    /// <summary>True when <paramref name="data"/> has "DICM" at byte 128 or starts like a bare DICOM dataset.</summary>
    public static bool IsDicom(ReadOnlySpan<byte> data) => DicomFileReader.LooksLikeDicom(data);

    /// <summary>Reads only the metadata (no pixel decoding); a deflated dataset inflates within <paramref name="options"/>' bound.</summary>
    public static DicomMetadata ReadMetadata(ReadOnlySpan<byte> data, ImageReadOptions? options = null)
    {
        var (dataset, syntax) = DicomFileReader.Read(data, (options ?? ImageReadOptions.Default).MaxInflatedBytes);
        return DicomMetadataReader.Read(dataset, syntax);
    }

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) of a DICOM file within the limits of <paramref name="options"/>.</summary>
    public static DicomImage Decode(ReadOnlySpan<byte> data, int frame = 0, ImageReadOptions? options = null)
    {
        options ??= ImageReadOptions.Default;
        var (dataset, syntax) = DicomFileReader.Read(data, options.MaxInflatedBytes);
        var metadata = DicomMetadataReader.Read(dataset, syntax);
        ImageReader.RequireWithinBudget("DICOM", metadata.Columns, metadata.Rows, options);
        var modality = DicomModalityTransform.Create(dataset, metadata);
        var voiLut = DicomLookupTable.FromSequence(dataset, DicomTag.VoiLutSequence, metadata.IsSigned && !metadata.HasModalityLut);
        var stored = DicomFrameDecoder.Decode(dataset, metadata, frame);
        return new DicomImage(metadata, frame, stored, modality, voiLut);
    }
}
