using System.Buffers.Binary;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Extracts stored sample values from native (uncompressed) frame bytes: picks the Bits Stored field at High Bit
/// out of each Bits Allocated cell, sign-extends signed data, and interleaves colour-by-plane data.
/// </summary>
internal static class DicomSampleUnpacker
{
    /// <summary>Bytes one native frame occupies (1-bit frames are rounded up to whole bytes).</summary>
    public static long FrameBytes(DicomMetadata info)
    {
        var samples = (long)info.Rows * info.Columns * info.SamplesPerPixel;
        if (info.PhotometricInterpretation == "YBR_FULL_422")
        {
            return (long)info.Rows * info.Columns * 2 * info.BitsAllocated / 8;
        }

        return info.BitsAllocated == 1 ? (samples + 7) / 8 : samples * (info.BitsAllocated / 8);
    }

    /// <summary>
    /// Unpacks one frame from <paramref name="source"/> into interleaved stored values. <paramref name="bigEndian"/>
    /// and <paramref name="swapBytePairs"/> describe the byte order of the source words.
    /// </summary>
    public static int[] Unpack(ReadOnlySpan<byte> source, DicomMetadata info, bool bigEndian, bool swapBytePairs, bool planar, long firstBit = 0)
    {
        var count = info.Rows * info.Columns * info.SamplesPerPixel;
        var values = new int[count];
        var shift = info.HighBit - info.BitsStored + 1;
        var mask = info.BitsStored == 32 ? -1 : (1 << info.BitsStored) - 1;
        var signBit = 1 << (info.BitsStored - 1);
        for (var i = 0; i < count; i++)
        {
            int cell;
            switch (info.BitsAllocated)
            {
                case 1:
                    var bit = firstBit + i;
                    cell = (source[(int)(bit >> 3)] >> (int)(bit & 7)) & 1;
                    break;
                case 8:
                    cell = source[swapBytePairs ? i ^ 1 : i];
                    break;
                case 16:
                    cell = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source[(i * 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]);
                    break;
                default:
                    cell = (int)(bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source[(i * 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(source[(i * 4)..]));
                    break;
            }

            var value = (cell >>> shift) & mask;
            if (info.IsSigned && (value & signBit) != 0)
            {
                value -= signBit << 1;
            }

            values[i] = value;
        }

        return planar && info.SamplesPerPixel == 3 ? Interleave(values, info.Rows * info.Columns) : values;
    }

    private static int[] Interleave(int[] planes, int pixels)
    {
        var interleaved = new int[planes.Length];
        for (var p = 0; p < pixels; p++)
        {
            interleaved[p * 3] = planes[p];
            interleaved[(p * 3) + 1] = planes[pixels + p];
            interleaved[(p * 3) + 2] = planes[(2 * pixels) + p];
        }

        return interleaved;
    }
}
