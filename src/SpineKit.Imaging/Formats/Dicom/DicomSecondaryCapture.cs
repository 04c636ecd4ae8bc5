namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// A Secondary Capture Image (PS3.3 A.8.1) of an 8-bit picture (grey or RGB) derived from a source image: the
/// picture's pixels uncompressed, the source's patient and study, a new series, Image Type DERIVED\SECONDARY,
/// Burned In Annotation YES (the picture carries drawn text) and a Source Image Sequence naming the source.
/// </summary>
public static class DicomSecondaryCapture
{
    /// <summary>Secondary Capture Image Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Builds the dataset; write it with <see cref="DicomFileWriter.Write"/>.</summary>
    /// <param name="picture">The 8-bit picture, grey or RGB.</param>
    /// <param name="source">The image it was derived from.</param>
    /// <param name="instance">The new series and instance.</param>
    /// <param name="sourceFrame">The source's frame it shows (0-based); named in the reference only when the source has several.</param>
    /// <exception cref="ArgumentException">The picture has other than 1 or 3 channels, or more than 8 bits.</exception>
    public static DicomDatasetBuilder Create(Image<byte> picture, DicomPatientStudy source, DicomNewInstance instance, int sourceFrame = 0)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(source);
        if (picture.Channels is not (1 or 3) || picture.BitDepth > 8 || picture.Width > ushort.MaxValue || picture.Height > ushort.MaxValue)
        {
            throw new ArgumentException($"a secondary capture holds 8-bit grey or RGB pictures up to 65535 pixels a side, not {picture.Channels} channels of {picture.BitDepth} bits, {picture.Width}x{picture.Height}.", nameof(picture));
        }

        var dataset = DicomDerivedModules.Create(source, instance, SopClassUid, "OT");
        dataset.AddText(0x0008, 0x0008, "CS", "DERIVED", "SECONDARY")
            .AddText(0x0008, 0x0064, "CS", "WSD")
            .AddText(0x0020, 0x0020, "CS", source.PatientOrientation?.Split('\\') ?? [])
            .AddText(0x0028, 0x0301, "CS", "YES")
            .AddSequence(0x0008, 0x2112, [DicomSrItem.ReferencedSop(source.SopClassUid, source.SopInstanceUid, source.ReferencedFrame(sourceFrame))])
            .AddUInt16(0x0028, 0x0002, (ushort)picture.Channels)
            .AddText(0x0028, 0x0004, "CS", picture.Channels == 3 ? "RGB" : "MONOCHROME2")
            .AddUInt16(0x0028, 0x0010, (ushort)picture.Height)
            .AddUInt16(0x0028, 0x0011, (ushort)picture.Width)
            .AddUInt16(0x0028, 0x0100, 8)
            .AddUInt16(0x0028, 0x0101, 8)
            .AddUInt16(0x0028, 0x0102, 7)
            .AddUInt16(0x0028, 0x0103, 0)
            .AddBytes(0x7FE0, 0x0010, "OB", picture.Pixels);
        // General Series' Laterality is type 2C, for paired body parts: with the source's body part stated it is
        // left out (the spine is not paired); without one, it is written empty (unknown), which dciodvfy accepts.
        if (source.BodyPartExamined is { } bodyPart)
        {
            dataset.AddText(0x0018, 0x0015, "CS", bodyPart);
        }
        else
        {
            dataset.AddText(0x0020, 0x0060, "CS");
        }

        if (picture.Channels == 3)
        {
            dataset.AddUInt16(0x0028, 0x0006, 0);
        }

        return dataset;
    }
}
