namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>A DICOM lookup table (modality or VOI): input values from <see cref="FirstMapped"/> map to <see cref="Data"/>.</summary>
internal sealed class DicomLookupTable(int firstMapped, int bits, ushort[] data)
{
    public int FirstMapped { get; } = firstMapped;

    /// <summary>Bits per output entry, as the descriptor states.</summary>
    public int Bits { get; } = bits;

    public ushort[] Data { get; } = data;

    /// <summary>Looks up <paramref name="value"/>, clamping inputs outside the table to its first or last entry.</summary>
    public int Map(int value) => Data[Math.Clamp(value - FirstMapped, 0, Data.Length - 1)];

    /// <summary>
    /// Reads the first usable LUT from a sequence: descriptor (entries, first mapped value, bits) and data. A first
    /// mapped value is signed when the pixels are, as PS3.3 C.11.1.1 requires.
    /// </summary>
    public static DicomLookupTable? FromSequence(DicomDataset dataset, DicomTag sequenceTag, bool signedInput)
    {
        if (dataset.Find(sequenceTag) is not { Items.Count: > 0 } sequence)
        {
            return null;
        }

        var item = sequence.Items[0];
        if (!item.Contains(DicomTag.LutDescriptor) || !item.Contains(DicomTag.LutData))
        {
            throw new ImageFormatException("DICOM", $"LUT sequence {sequenceTag} lacks a descriptor or data", sequence.Offset);
        }

        var descriptor = item.GetWords(DicomTag.LutDescriptor);
        if (descriptor.Length < 3)
        {
            throw new ImageFormatException("DICOM", "LUT descriptor needs three values", item.Find(DicomTag.LutDescriptor)!.Offset);
        }

        var entries = descriptor[0] == 0 ? 65536 : descriptor[0];
        int first = signedInput ? (short)descriptor[1] : descriptor[1];
        var bits = descriptor[2];
        var dataElement = item.Find(DicomTag.LutData)!;
        ushort[] data;
        if (bits <= 8 && dataElement.Value.Length == entries)
        {
            // Some writers pack 8-bit LUT entries one per byte.
            data = dataElement.Value.Select(b => (ushort)b).ToArray();
        }
        else
        {
            data = item.GetWords(DicomTag.LutData);
        }

        if (bits is < 1 or > 16 || data.Length < entries)
        {
            throw new ImageFormatException("DICOM", $"LUT with {entries} entries of {bits} bits has {data.Length} data values", dataElement.Offset);
        }

        return new DicomLookupTable(first, bits, data[..entries]);
    }
}
