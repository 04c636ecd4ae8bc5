using System.Buffers.Binary;
using System.Collections.Frozen;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Reads data elements from a span in one transfer syntax (implicit or explicit VR, either byte order), walking
/// defined and undefined-length sequences and encapsulated pixel data. Only the tags in <see cref="KeptTags"/> are
/// copied out, so patient identifiers and other free text never leave the input buffer. Every length is checked
/// against the bytes that remain before anything is read or allocated.
/// </summary>
internal ref struct DicomParser
{
    private const uint UndefinedLength = 0xFFFF_FFFF;
    private const int MaxDepth = 16;
    private const int MaxFragments = 1 << 20;

    private static readonly FrozenSet<DicomTag> KeptTags = new[]
    {
        DicomTag.TransferSyntaxUid, DicomTag.Modality, DicomTag.BodyPartExamined, DicomTag.ImagerPixelSpacing,
        DicomTag.ViewPosition, DicomTag.Laterality, DicomTag.ImageLaterality, DicomTag.SamplesPerPixel,
        DicomTag.PhotometricInterpretation, DicomTag.PlanarConfiguration, DicomTag.NumberOfFrames, DicomTag.Rows,
        DicomTag.Columns, DicomTag.PixelSpacing, DicomTag.BitsAllocated, DicomTag.BitsStored, DicomTag.HighBit,
        DicomTag.PixelRepresentation, DicomTag.WindowCenter, DicomTag.WindowWidth, DicomTag.RescaleIntercept,
        DicomTag.RescaleSlope, DicomTag.VoiLutFunction, DicomTag.LutDescriptor, DicomTag.LutData,
        DicomTag.StudyInstanceUid, DicomTag.SeriesInstanceUid, DicomTag.SopInstanceUid, DicomTag.PatientOrientation,
    }.ToFrozenSet();

    private static readonly FrozenSet<string> LongLengthVrs =
        new[] { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly ReadOnlySpan<byte> data;
    private readonly FrozenSet<DicomTag> keptTags;
    private int position;
    private bool explicitVr;
    private bool bigEndian;

    /// <param name="data">The bytes to parse.</param>
    /// <param name="position">Where the first element starts.</param>
    /// <param name="explicitVr">True for explicit VR.</param>
    /// <param name="bigEndian">True for big endian.</param>
    /// <param name="keep">
    /// The tags to copy out instead of <see cref="KeptTags"/> (sequences among them are kept with their items, at any
    /// depth): for a caller that needs other attributes, such as the patient and study modules a derived object copies.
    /// </param>
    public DicomParser(ReadOnlySpan<byte> data, int position, bool explicitVr, bool bigEndian, FrozenSet<DicomTag>? keep = null)
    {
        this.data = data;
        keptTags = keep ?? KeptTags;
        this.position = position;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    public readonly int Position => position;

    /// <summary>Reads the file meta group (always explicit VR little endian) into <paramref name="meta"/>.</summary>
    public void ReadMetaGroup(DicomDataset meta)
    {
        while (data.Length - position >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(data[position..]) == 0x0002)
        {
            ReadElement(meta, data.Length, 0);
        }
    }

    /// <summary>Reads the main dataset up to and including the top-level pixel data (or the end of the data).</summary>
    public void ReadDataset(DicomDataset target)
    {
        while (position < data.Length)
        {
            if (ReadElement(target, data.Length, 0) == DicomTag.PixelData)
            {
                return;
            }
        }
    }

    private DicomTag ReadElement(DicomDataset target, int end, int depth)
    {
        var start = position;
        Require(8, end, "element header");
        var tag = ReadTag();
        if (tag.Group == 0xFFFE)
        {
            throw new ImageFormatException("DICOM", $"unexpected item tag {tag} inside a dataset", start);
        }

        string? vr = null;
        uint length;
        if (explicitVr)
        {
            vr = ReadVr(start);
            if (LongLengthVrs.Contains(vr))
            {
                Require(6, end, "element length");
                position += 2;
                length = ReadUInt32();
            }
            else
            {
                length = ReadUInt16();
            }
        }
        else
        {
            length = ReadUInt32();
        }

        if (length == UndefinedLength)
        {
            if (tag == DicomTag.PixelData)
            {
                ReadEncapsulated(depth == 0 ? target : null, start, end);
            }
            else
            {
                ReadSequence(target, tag, start, length, end, vr == "UN", depth);
            }

            return tag;
        }

        if (length > end - position)
        {
            throw new ImageFormatException("DICOM", $"element {tag} claims {length} bytes, past the end of the data", start);
        }

        var isSequence = vr == "SQ" || (vr is null && (tag == DicomTag.ModalityLutSequence || tag == DicomTag.VoiLutSequence));
        if (isSequence)
        {
            ReadSequence(target, tag, start, length, end, false, depth);
            return tag;
        }

        if (tag == DicomTag.PixelData && depth == 0)
        {
            target.NativePixelData = new DicomElement(tag, vr, data.Slice(position, (int)length).ToArray(), start);
        }
        else if (keptTags.Contains(tag))
        {
            target.Add(new DicomElement(tag, vr, data.Slice(position, (int)length).ToArray(), start));
        }

        position += (int)length;
        return tag;
    }

    private void ReadSequence(DicomDataset target, DicomTag tag, int start, uint length, int outerEnd, bool implicitContent, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new ImageFormatException("DICOM", $"sequences nested deeper than {MaxDepth} levels", start);
        }

        var keep = tag == DicomTag.ModalityLutSequence || tag == DicomTag.VoiLutSequence || keptTags.Contains(tag);
        var sequence = new DicomElement(tag, "SQ", [], start);
        var end = length == UndefinedLength ? outerEnd : position + (int)length;
        var (savedExplicit, savedBigEndian) = (explicitVr, bigEndian);
        if (implicitContent)
        {
            // An undefined-length UN element holds an implicit VR little endian sequence (PS3.5 6.2.2).
            (explicitVr, bigEndian) = (false, false);
        }

        while (position < end || length == UndefinedLength)
        {
            var itemStart = position;
            Require(8, end, "sequence item");
            var itemTag = ReadTag();
            var itemLength = ReadUInt32();
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw new ImageFormatException("DICOM", $"expected an item in sequence {tag}, found {itemTag}", itemStart);
            }

            var item = new DicomDataset(bigEndian);
            if (itemLength == UndefinedLength)
            {
                ReadItemUntilDelimiter(item, end, depth + 1);
            }
            else
            {
                if (itemLength > end - position)
                {
                    throw new ImageFormatException("DICOM", $"item of {itemLength} bytes in sequence {tag} runs past its end", itemStart);
                }

                var itemEnd = position + (int)itemLength;
                while (position < itemEnd)
                {
                    ReadElement(item, itemEnd, depth + 1);
                }
            }

            if (keep)
            {
                sequence.Items.Add(item);
            }
        }

        (explicitVr, bigEndian) = (savedExplicit, savedBigEndian);
        if (keep)
        {
            // Nested ones land in their item, which is itself kept only when its own sequence is.
            target.Add(sequence);
        }
    }

    private void ReadItemUntilDelimiter(DicomDataset item, int end, int depth)
    {
        while (true)
        {
            Require(8, end, "item");
            var tag = PeekTag();
            if (tag == DicomTag.ItemDelimitation)
            {
                position += 8;
                return;
            }

            ReadElement(item, end, depth);
        }
    }

    private void ReadEncapsulated(DicomDataset? target, int start, int end)
    {
        Require(8, end, "basic offset table");
        var tableStart = position;
        if (ReadTag() != DicomTag.Item)
        {
            throw new ImageFormatException("DICOM", "encapsulated pixel data does not start with an offset table item", tableStart);
        }

        var tableLength = ReadUInt32();
        if (tableLength > end - position || tableLength % 4 != 0)
        {
            throw new ImageFormatException("DICOM", $"basic offset table length {tableLength} is invalid", tableStart);
        }

        var table = new uint[tableLength / 4];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = ReadUInt32();
        }

        var firstFragment = position;
        var fragments = new List<DicomFragment>();
        while (true)
        {
            var itemStart = position;
            Require(8, end, "pixel data fragment");
            var tag = ReadTag();
            var length = ReadUInt32();
            if (tag == DicomTag.SequenceDelimitation)
            {
                break;
            }

            if (tag != DicomTag.Item)
            {
                throw new ImageFormatException("DICOM", $"expected a pixel data fragment, found {tag}", itemStart);
            }

            if (length > end - position)
            {
                throw new ImageFormatException("DICOM", $"pixel data fragment claims {length} bytes, past the end of the data", itemStart);
            }

            if (fragments.Count >= MaxFragments)
            {
                throw new ImageFormatException("DICOM", $"more than {MaxFragments} pixel data fragments", itemStart);
            }

            if (target is not null)
            {
                fragments.Add(new DicomFragment(itemStart - firstFragment, position, data.Slice(position, (int)length).ToArray()));
            }

            position += (int)length;
        }

        if (target is not null)
        {
            target.EncapsulatedPixelData = new DicomEncapsulatedPixelData(table, fragments, start);
        }
    }

    private readonly void Require(int count, int end, string what)
    {
        if (end - position < count)
        {
            throw new ImageFormatException("DICOM", $"data ends inside an {what} (truncated file)", position);
        }
    }

    private string ReadVr(int start)
    {
        var a = data[position];
        var b = data[position + 1];
        if (a is < (byte)'A' or > (byte)'Z' || b is < (byte)'A' or > (byte)'Z')
        {
            throw new ImageFormatException("DICOM", $"invalid value representation bytes 0x{a:X2} 0x{b:X2}", start + 4);
        }

        position += 2;
        return string.Create(2, (a, b), (chars, pair) =>
        {
            chars[0] = (char)pair.a;
            chars[1] = (char)pair.b;
        });
    }

    private readonly DicomTag PeekTag()
    {
        var group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[position..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[position..]);
        var element = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[(position + 2)..]);
        return new DicomTag(group, element);
    }

    private DicomTag ReadTag()
    {
        var tag = PeekTag();
        position += 4;
        return tag;
    }

    private ushort ReadUInt16()
    {
        var value = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[position..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[position..]);
        position += 2;
        return value;
    }

    private uint ReadUInt32()
    {
        var value = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[position..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
        position += 4;
        return value;
    }
}
