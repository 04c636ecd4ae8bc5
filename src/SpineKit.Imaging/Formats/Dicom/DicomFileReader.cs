using System.Buffers.Binary;
using System.Collections.Frozen;
using System.IO.Compression;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Finds where a DICOM stream starts (128-byte preamble and "DICM", or a bare dataset), reads the file meta group,
/// picks the transfer syntax (from the meta group, or guessed from the first element when there is none), inflates
/// deflated datasets with a bound, and parses the dataset.
/// </summary>
internal static class DicomFileReader
{
    /// <summary>True when <paramref name="data"/> has "DICM" at 128, or starts like a bare DICOM dataset.</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> data) => HasPreamble(data) || GuessBareSyntax(data) is not null;

    /// <summary>Parses the file; a deflated dataset may inflate to at most <paramref name="maxInflatedBytes"/>.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="maxInflatedBytes">The bound on a deflated dataset.</param>
    /// <param name="keep">
    /// Tags to keep instead of the image-describing set; with it, a kept Media Storage SOP Class UID (0002,0002) of
    /// the meta group is added to the returned dataset too.
    /// </param>
    public static (DicomDataset Dataset, DicomTransferSyntax Syntax) Read(ReadOnlySpan<byte> file, long maxInflatedBytes, FrozenSet<DicomTag>? keep = null)
    {
        var start = HasPreamble(file) ? 132 : 0;
        if (start == 0 && GuessBareSyntax(file) is null)
        {
            throw new ImageFormatException("DICOM", "not a DICOM file (no 'DICM' marker at byte 128 and no recognisable dataset start)", 0);
        }

        var meta = new DicomDataset(bigEndian: false);
        var metaParser = new DicomParser(file, start, explicitVr: true, bigEndian: false, keep);
        metaParser.ReadMetaGroup(meta);
        var position = metaParser.Position;

        DicomTransferSyntax syntax;
        if (meta.GetString(DicomTag.TransferSyntaxUid) is { } uid)
        {
            syntax = DicomTransferSyntax.FromUid(uid, meta.Find(DicomTag.TransferSyntaxUid)!.Offset);
        }
        else
        {
            syntax = GuessBareSyntax(file[position..])
                ?? throw new ImageFormatException("DICOM", "file meta header has no transfer syntax and the dataset start is not recognisable", position);
        }

        var dataset = new DicomDataset(syntax.BigEndian);
        if (syntax.Deflated)
        {
            var inflated = Inflate(file[position..], position, maxInflatedBytes);
            var parser = new DicomParser(inflated, 0, syntax.ExplicitVr, syntax.BigEndian, keep);
            parser.ReadDataset(dataset);
            dataset.EndOffset = parser.Position;
        }
        else
        {
            var parser = new DicomParser(file, position, syntax.ExplicitVr, syntax.BigEndian, keep);
            parser.ReadDataset(dataset);
            dataset.EndOffset = parser.Position;
        }

        if (keep is not null && meta.Find(DicomTag.MediaStorageSopClassUid) is { } mediaClass)
        {
            dataset.Add(mediaClass);
        }

        return (dataset, syntax);
    }

    private static bool HasPreamble(ReadOnlySpan<byte> data) => data.Length >= 132 && data.Slice(128, 4).SequenceEqual("DICM"u8);

    /// <summary>
    /// Guesses the encoding of a dataset with no meta header from its first tag: it must be in group 0002 or 0008
    /// with a small element number; two capital letters after it mean explicit VR.
    /// </summary>
    private static DicomTransferSyntax? GuessBareSyntax(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return null;
        }

        var explicitVr = data[4] is >= (byte)'A' and <= (byte)'Z' && data[5] is >= (byte)'A' and <= (byte)'Z';
        var littleGroup = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var littleElement = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        if (littleGroup is 0x0002 or 0x0008 && littleElement < 0x0100)
        {
            if (explicitVr)
            {
                return DicomTransferSyntax.ExplicitVrLittleEndian;
            }

            // Implicit VR: the 32-bit length of a leading element must at least fit in the data.
            return BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) <= (uint)(data.Length - 8) ? DicomTransferSyntax.ImplicitVrLittleEndian : null;
        }

        var bigGroup = BinaryPrimitives.ReadUInt16BigEndian(data);
        var bigElement = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        return bigGroup == 0x0008 && bigElement < 0x0100 && explicitVr ? DicomTransferSyntax.ExplicitVrBigEndian : null;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, long offset, long maxInflatedBytes)
    {
        // Deflate cannot expand more than about 1032:1, so that bounds what an honest stream may produce.
        var limit = Math.Min(Math.Min(maxInflatedBytes, Array.MaxLength), (compressed.Length * 1032L) + 1024);

        // One buffer that doubles as the data arrives (no stream copy on top of it), so the peak stays near the
        // inflated size, and the bound is checked before each growth.
        var output = new byte[(int)Math.Min(limit, 1 << 16)];
        var filled = 0;
        try
        {
            using var zlib = new DeflateStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
            while (true)
            {
                if (filled == output.Length)
                {
                    if (filled >= limit)
                    {
                        // At the bound: one more byte means the dataset is larger than allowed.
                        if (zlib.ReadByte() < 0)
                        {
                            break;
                        }

                        throw new ImageFormatException("DICOM", $"deflated dataset inflates beyond {limit} bytes (the limit for this file)", offset);
                    }

                    Array.Resize(ref output, (int)Math.Min(limit, (long)output.Length * 2));
                }

                var read = zlib.Read(output, filled, output.Length - filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ImageFormatException("DICOM", $"corrupt deflated dataset ({exception.Message})", offset, exception);
        }

        Array.Resize(ref output, filled);
        return output;
    }
}
