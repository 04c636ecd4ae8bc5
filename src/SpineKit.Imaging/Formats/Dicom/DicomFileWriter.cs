using System.Buffers.Binary;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Writes DICOM Part 10 files (PS3.10 7.1): the 128-byte zero preamble, "DICM", the file meta group (explicit VR
/// little endian, with its group length, version, media storage SOP class and instance taken from the dataset's
/// (0008,0016) and (0008,0018), the transfer syntax, SpineKit's implementation class UID and version name), then
/// the dataset in explicit VR little endian.
/// </summary>
public static class DicomFileWriter
{
    /// <summary>The Implementation Version Name (0002,0013) written in every file (SH, at most 16 characters).</summary>
    public const string ImplementationVersionName = "SPINEKIT_1";

    private const uint UndefinedLength = 0xFFFF_FFFF;

    /// <summary>Encodes <paramref name="dataset"/> as a Part 10 file.</summary>
    /// <exception cref="ArgumentException">The dataset lacks a well-formed SOP Class UID or SOP Instance UID.</exception>
    public static byte[] Write(DicomDatasetBuilder dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sopClass = dataset.GetText(0x0008, 0x0016);
        var sopInstance = dataset.GetText(0x0008, 0x0018);
        if (!DicomUid.IsValid(sopClass) || !DicomUid.IsValid(sopInstance))
        {
            throw new ArgumentException("a DICOM file needs a SOP Class UID (0008,0016) and a SOP Instance UID (0008,0018).", nameof(dataset));
        }

        var meta = new List<(DicomTag Tag, string Vr, byte[] Value)>();
        meta.Add((new DicomTag(0x0002, 0x0001), "OB", [0x00, 0x01]));
        meta.Add((new DicomTag(0x0002, 0x0002), "UI", DicomValueEncoder.EncodeText(new DicomTag(0x0002, 0x0002), "UI", [sopClass!])));
        meta.Add((new DicomTag(0x0002, 0x0003), "UI", DicomValueEncoder.EncodeText(new DicomTag(0x0002, 0x0003), "UI", [sopInstance!])));
        meta.Add((new DicomTag(0x0002, 0x0010), "UI", DicomValueEncoder.EncodeText(new DicomTag(0x0002, 0x0010), "UI", [DicomTransferSyntax.ExplicitVrLittleEndian.Uid])));
        meta.Add((new DicomTag(0x0002, 0x0012), "UI", DicomValueEncoder.EncodeText(new DicomTag(0x0002, 0x0012), "UI", [DicomUid.ImplementationClassUid])));
        meta.Add((new DicomTag(0x0002, 0x0013), "SH", DicomValueEncoder.EncodeText(new DicomTag(0x0002, 0x0013), "SH", [ImplementationVersionName])));

        using var stream = new MemoryStream();
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);

        using var metaBody = new MemoryStream();
        foreach (var (tag, vr, value) in meta)
        {
            WriteHeader(metaBody, tag, vr, (uint)value.Length);
            metaBody.Write(value);
        }

        // (0002,0000) File Meta Information Group Length: the bytes of the group after this element.
        WriteHeader(stream, new DicomTag(0x0002, 0x0000), "UL", 4);
        Span<byte> groupLength = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, checked((uint)metaBody.Length));
        stream.Write(groupLength);
        metaBody.Position = 0;
        metaBody.CopyTo(stream);

        WriteDataset(stream, dataset);
        return stream.ToArray();
    }

    /// <summary>The dataset alone (no preamble, no meta group), explicit VR little endian.</summary>
    internal static byte[] EncodeDataset(DicomDatasetBuilder dataset)
    {
        using var stream = new MemoryStream();
        WriteDataset(stream, dataset);
        return stream.ToArray();
    }

    private static void WriteDataset(Stream stream, DicomDatasetBuilder dataset)
    {
        foreach (var element in dataset.Elements)
        {
            if (element.Items is { } items)
            {
                WriteSequence(stream, element.Tag, items, element.Length);
            }
            else
            {
                var value = element.Value!;
                if (!DicomValueEncoder.LongLengthVrs.Contains(element.Vr) && value.Length > ushort.MaxValue - 1)
                {
                    throw new ArgumentException($"element {element.Tag} ({element.Vr}) value of {value.Length} bytes exceeds the 16-bit length of its VR.", nameof(dataset));
                }

                WriteHeader(stream, element.Tag, element.Vr, (uint)value.Length);
                stream.Write(value);
            }
        }
    }

    private static void WriteSequence(Stream stream, DicomTag tag, IReadOnlyList<DicomDatasetBuilder> items, DicomSequenceLength length)
    {
        if (length == DicomSequenceLength.Undefined)
        {
            WriteHeader(stream, tag, "SQ", UndefinedLength);
            foreach (var item in items)
            {
                WriteTagAndLength(stream, DicomTag.Item, UndefinedLength);
                WriteDataset(stream, item);
                WriteTagAndLength(stream, DicomTag.ItemDelimitation, 0);
            }

            WriteTagAndLength(stream, DicomTag.SequenceDelimitation, 0);
            return;
        }

        var encoded = items.Select(EncodeDataset).ToList();
        var total = encoded.Sum(bytes => 8L + bytes.Length);
        WriteHeader(stream, tag, "SQ", checked((uint)total));
        foreach (var bytes in encoded)
        {
            WriteTagAndLength(stream, DicomTag.Item, (uint)bytes.Length);
            stream.Write(bytes);
        }
    }

    private static void WriteHeader(Stream stream, DicomTag tag, string vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (DicomValueEncoder.LongLengthVrs.Contains(vr))
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            stream.Write(header[..8]);
        }
    }

    private static void WriteTagAndLength(Stream stream, DicomTag tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        stream.Write(header);
    }
}
