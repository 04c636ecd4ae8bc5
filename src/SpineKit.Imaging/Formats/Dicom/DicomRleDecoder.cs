using System.Buffers.Binary;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Decodes one DICOM RLE Lossless frame (PS3.5 annex G): a 64-byte header of up to 15 segment offsets, each
/// segment a PackBits stream holding one byte plane (most significant byte first) of one sample.
/// </summary>
internal static class DicomRleDecoder
{
    /// <summary>Returns the frame as little-endian, interleaved native bytes (Bits Allocated per cell).</summary>
    public static byte[] Decode(ReadOnlySpan<byte> frame, DicomMetadata info, long offset)
    {
        if (frame.Length < 64)
        {
            throw new ImageFormatException("DICOM", $"RLE frame of {frame.Length} bytes is shorter than its 64-byte header", offset);
        }

        if (info.BitsAllocated is not (8 or 16 or 32))
        {
            throw new ImageFormatException("DICOM", $"RLE with Bits Allocated {info.BitsAllocated} is not supported", offset);
        }

        var bytesPerSample = info.BitsAllocated / 8;
        var expectedSegments = info.SamplesPerPixel * bytesPerSample;
        var segments = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (segments != expectedSegments)
        {
            throw new ImageFormatException("DICOM", $"RLE frame has {segments} segments, expected {expectedSegments}", offset);
        }

        var pixels = info.Rows * info.Columns;
        var bounds = new (int Start, int End)[segments];
        for (var s = 0; s < segments; s++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (4 * s))..]);
            var end = s + 1 < segments ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + (4 * s))..]) : (uint)frame.Length;
            if (start < 64 || start > end || end > frame.Length)
            {
                throw new ImageFormatException("DICOM", $"RLE segment {s} has invalid bounds {start}..{end}", offset + 4 + (4 * s));
            }

            // Two bytes of PackBits produce at most 128: a shorter segment cannot fill the plane, so refuse before allocating.
            if ((end - start) * 64L < pixels)
            {
                throw new ImageFormatException("DICOM", $"RLE segment {s} of {end - start} bytes cannot hold {pixels} samples", offset + 4 + (4 * s));
            }

            bounds[s] = ((int)start, (int)end);
        }

        var cellBytes = info.SamplesPerPixel * bytesPerSample;
        var output = new byte[(long)pixels * cellBytes];
        var plane = new byte[pixels];
        for (var s = 0; s < segments; s++)
        {
            var (start, end) = bounds[s];
            DecodeSegment(frame[start..end], plane, offset + start);

            // Segment order is sample by sample, most significant byte first; native cells are little endian.
            var sample = s / bytesPerSample;
            var byteInCell = (sample * bytesPerSample) + (bytesPerSample - 1 - (s % bytesPerSample));
            for (var p = 0; p < pixels; p++)
            {
                output[(p * cellBytes) + byteInCell] = plane[p];
            }
        }

        return output;
    }

    private static void DecodeSegment(ReadOnlySpan<byte> segment, Span<byte> plane, long offset)
    {
        var read = 0;
        var written = 0;
        while (written < plane.Length)
        {
            if (read >= segment.Length)
            {
                throw new ImageFormatException("DICOM", $"RLE segment ends after {written} of {plane.Length} bytes", offset + read);
            }

            var control = (sbyte)segment[read++];
            if (control >= 0)
            {
                var count = control + 1;
                if (count > segment.Length - read)
                {
                    throw new ImageFormatException("DICOM", "RLE literal run overruns its segment", offset + read - 1);
                }

                // Encoders may pad the last run past the plane; the surplus is dropped, never written.
                var kept = Math.Min(count, plane.Length - written);
                segment.Slice(read, kept).CopyTo(plane[written..]);
                read += count;
                written += kept;
            }
            else if (control != -128)
            {
                var count = Math.Min(1 - control, plane.Length - written);
                if (read >= segment.Length)
                {
                    throw new ImageFormatException("DICOM", "RLE replicate run overruns its segment", offset + read - 1);
                }

                plane.Slice(written, count).Fill(segment[read++]);
                written += count;
            }
        }
    }
}
