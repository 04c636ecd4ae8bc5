using System.Globalization;
using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Walks the marker segments of one JPEG stream (ITU T.81 annex B), collecting tables and application data and
/// handing each scan to the decoder for the frame's process. Every length is checked against the data before
/// it is used, so malformed input ends in an <see cref="ImageFormatException"/> naming the byte offset.
/// </summary>
internal sealed class JpegDecoderCore
{
    /// <summary>More scans than any real encoder writes; a bound on the work a hostile file can cause.</summary>
    public const int MaxScans = 512;

    private readonly JpegTables tables = new();
    private bool sawJfif;
    private int? adobeTransform;
    private int scansDecoded;
    private bool acceptTruncated;

    /// <summary>The frame header, once an SOF segment has been read.</summary>
    public JpegFrame? Frame { get; private set; }

    /// <summary>The EXIF orientation (1..8); 1 when the file has none.</summary>
    public int Orientation { get; private set; } = 1;

    /// <summary>The restart interval in force when the first scan began.</summary>
    public int FirstRestartInterval { get; private set; }

    /// <summary>The colour space the frame's components are coded in (libjpeg's rules for guessing it).</summary>
    public JpegColorSpace ColorSpace
    {
        get
        {
            var components = Frame!.Components;
            switch (components.Length)
            {
                case 1:
                    return JpegColorSpace.Grayscale;
                case 3:
                    if (sawJfif)
                    {
                        return JpegColorSpace.YCbCr;
                    }

                    if (adobeTransform is { } transform)
                    {
                        return transform == 0 ? JpegColorSpace.Rgb : JpegColorSpace.YCbCr;
                    }

                    return components[0].Id == 'R' && components[1].Id == 'G' && components[2].Id == 'B'
                        ? JpegColorSpace.Rgb
                        : JpegColorSpace.YCbCr;
                default:
                    return adobeTransform == 2 ? JpegColorSpace.Ycck : JpegColorSpace.Cmyk;
            }
        }
    }

    /// <summary>
    /// Reads the stream. With <paramref name="headerOnly"/> it stops at the first scan without decoding entropy data;
    /// with <paramref name="acceptTruncated"/> a stream cut short is decoded as far as it goes instead of refused.
    /// </summary>
    public void Read(ReadOnlySpan<byte> data, bool headerOnly, bool acceptTruncated = false)
    {
        this.acceptTruncated = acceptTruncated;
        if (data.Length < 2 || data[0] != 0xFF || data[1] != JpegMarker.Soi)
        {
            throw new ImageFormatException("JPEG", "not a JPEG file (no SOI marker at the start)", 0);
        }

        var position = 2;
        var ended = false;
        while (true)
        {
            // Find the next marker, tolerating garbage and fill bytes between segments as libjpeg does.
            while (position < data.Length && data[position] != 0xFF)
            {
                position++;
            }

            while (position + 1 < data.Length && data[position + 1] == 0xFF)
            {
                position++;
            }

            if (position + 1 >= data.Length)
            {
                break;
            }

            var markerAt = position;
            var marker = data[position + 1];
            position += 2;
            if (marker == JpegMarker.Eoi)
            {
                ended = true;
                break;
            }

            if (marker == 0x00 || JpegMarker.IsRestart(marker) || marker == 0x01)
            {
                // Stray stuffed byte or restart marker outside a scan: no segment follows.
                continue;
            }

            if (position + 2 > data.Length)
            {
                throw new ImageFormatException("JPEG", $"segment length of marker FF{marker:X2} is cut off by the end of the file", position);
            }

            var length = (data[position] << 8) | data[position + 1];
            if (length < 2 || position + length > data.Length)
            {
                throw new ImageFormatException("JPEG", $"segment length {length} of marker FF{marker:X2} runs past the end of the file", position);
            }

            var payload = data.Slice(position + 2, length - 2);
            var payloadAt = position + 2;
            position += length;
            switch (marker)
            {
                case JpegMarker.Sof0:
                case JpegMarker.Sof1:
                case JpegMarker.Sof2:
                case JpegMarker.Sof3:
                    if (Frame is not null)
                    {
                        throw new ImageFormatException("JPEG", "a second frame header (SOF) is not supported", markerAt);
                    }

                    // SOF0..SOF3 are numbered in the order of the JpegProcess members.
                    Frame = JpegFrame.Parse((JpegProcess)(marker - JpegMarker.Sof0), payload, payloadAt);
                    break;
                case >= 0xC5 and <= 0xC7:
                    throw new ImageFormatException("JPEG", "hierarchical JPEG (SOF5-7) is not supported", markerAt);
                case >= 0xC9 and <= JpegMarker.Sof15 when marker != JpegMarker.Dac:
                    throw new ImageFormatException("JPEG", "arithmetic-coded JPEG is not supported", markerAt);
                case JpegMarker.Dht:
                    tables.ReadHuffman(payload, payloadAt);
                    break;
                case JpegMarker.Dqt:
                    tables.ReadQuantization(payload, payloadAt);
                    break;
                case JpegMarker.Dri:
                    tables.ReadRestartInterval(payload, payloadAt);
                    break;
                case JpegMarker.App0:
                    sawJfif |= payload.Length >= 5 && payload[..5].SequenceEqual("JFIF\0"u8);
                    break;
                case JpegMarker.App1:
                    if (ExifOrientation.Read(payload) is { } orientation && Orientation == 1)
                    {
                        Orientation = orientation;
                    }

                    break;
                case JpegMarker.App14:
                    if (payload.Length >= 12 && payload[..5].SequenceEqual("Adobe"u8))
                    {
                        adobeTransform = payload[11];
                    }

                    break;
                case JpegMarker.Sos:
                    if (Frame is null)
                    {
                        throw new ImageFormatException("JPEG", "scan (SOS) before any frame header (SOF)", markerAt);
                    }

                    if (headerOnly)
                    {
                        FirstRestartInterval = tables.RestartInterval;
                        return;
                    }

                    position = DecodeScan(data, JpegScanHeader.Parse(payload, payloadAt, Frame, tables.Dc, tables.Ac), position);
                    break;
            }
        }

        if (Frame is null)
        {
            throw new ImageFormatException("JPEG", "no frame header (SOF) before the end of the file", data.Length);
        }

        if (!headerOnly && scansDecoded == 0)
        {
            throw new ImageFormatException("JPEG", "no image data (SOS) before the end of the file", data.Length);
        }

        // A file cut short still decodes (the missing data reads as zeros), and a film that lost its lower
        // half would then be measured as if whole: without its end-of-image marker it is refused.
        if (!headerOnly && !ended && !acceptTruncated)
        {
            throw new ImageFormatException("JPEG", "the file ends before its end-of-image marker (EOI): it is truncated, and a partial film must not be measured", data.Length);
        }
    }

    /// <summary>Transforms the coefficients of a progressive frame into sample planes (after its last scan).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FinishProgressive()
    {
        var frame = Frame!;
        if (!frame.IsProgressive)
        {
            return;
        }

        foreach (var c in frame.Components)
        {
            var coefficients = c.Coefficients!;
            var quantizer = tables.Quantization[c.QuantizationTableId]
                ?? throw new ImageFormatException("JPEG", $"component {c.Index} uses quantisation table {c.QuantizationTableId}, which was never defined", frame.Offset);
            for (var by = 0; by < c.BlocksPerColumn; by++)
            {
                for (var bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    var block = coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
                    BlockWriter.Write(c, frame.Precision, quantizer, block, hasAc: true, bx, by);
                }
            }
        }
    }

    /// <summary>
    /// Refuses, before anything is allocated, a file too short to hold the image its header declares: every
    /// 8x8 block (every sample, lossless) costs at least one bit of Huffman code, so a 400-byte file that
    /// claims 16384x16384 pixels is cut off or hostile, and decoding it would only allocate gigabytes of filler.
    /// </summary>
    private static void RequirePlausibleSize(JpegFrame frame, long remainingBytes, int position)
    {
        long units = 0;
        foreach (var c in frame.Components)
        {
            units += frame.Process == JpegProcess.Lossless ? (long)c.Width * c.Height : (long)c.WidthInBlocks * c.HeightInBlocks;
        }

        if (remainingBytes * 8 < units)
        {
            throw new ImageFormatException("JPEG", string.Create(CultureInfo.InvariantCulture,
                $"the header declares {frame.Width}x{frame.Height} pixels, which need at least {(units + 7) / 8} bytes of image data, but only {remainingBytes} follow: the file is truncated"), position);
        }
    }

    private int DecodeScan(ReadOnlySpan<byte> data, JpegScanHeader scan, int position)
    {
        var frame = Frame!;
        if (scansDecoded == 0)
        {
            FirstRestartInterval = tables.RestartInterval;
            if (!acceptTruncated)
            {
                RequirePlausibleSize(frame, data.Length - position, position);

                // Entropy-coded data never holds FF D9 (a coded FF is always followed by 00), so a stream without it
                // past the first scan is cut off: refuse it now rather than after decoding the whole frame.
                if (data[position..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0)
                {
                    throw new ImageFormatException("JPEG", "the file ends before its end-of-image marker (EOI): it is truncated, and a partial film must not be measured", data.Length);
                }
            }

            Allocate(frame);
        }

        if (++scansDecoded > MaxScans)
        {
            throw new ImageFormatException("JPEG", $"more than {MaxScans} scans; refusing to decode", position);
        }
        return frame.Process switch
        {
            JpegProcess.Progressive => ProgressiveScanDecoder.Decode(data, position, frame, scan, tables),
            JpegProcess.Lossless => LosslessScanDecoder.Decode(data, position, frame, scan, tables),
            _ => SequentialScanDecoder.Decode(data, position, frame, scan, tables),
        };
    }

    private static void Allocate(JpegFrame frame)
    {
        foreach (var c in frame.Components)
        {
            var unit = frame.IsLossless ? 1 : 8;
            if (frame.Components.Length == 1 && !frame.IsLossless)
            {
                // Decode straight into the output image: no padded plane, no copy.
                c.IsClipped = true;
                c.Stride = c.Width;
            }

            var samples = c.IsClipped ? c.Width * c.Height : c.Stride * c.BlocksPerColumn * unit;
            if (c.IsClipped)
            {
                // Every scan of a single-component frame writes every block, so zeroing would be wasted work.
                c.Samples = frame.Precision <= 8 ? GC.AllocateUninitializedArray<byte>(samples) : GC.AllocateUninitializedArray<ushort>(samples);
            }
            else
            {
                c.Samples = frame.Precision <= 8 ? new byte[samples] : new ushort[samples];
            }
            if (frame.IsProgressive)
            {
                c.Coefficients = new short[c.BlocksPerLine * c.BlocksPerColumn * 64];
            }

            if (frame.IsLossless)
            {
                c.LosslessSamples = new int[samples];
            }
        }
    }
}
