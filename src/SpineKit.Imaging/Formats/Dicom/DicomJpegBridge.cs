using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Hands encapsulated JPEG frames to <see cref="JpegDecoder"/> and turns its output into stored sample values.</summary>
internal static class DicomJpegBridge
{
    /// <summary>DICOM states orientation itself; colour is converted to RGB as dcmtk does by default.</summary>
    private static readonly JpegDecoderOptions Options = new() { ConvertColor = true, ApplyOrientation = false };

    public static int[] Decode(byte[] frame, DicomMetadata info, long offset)
    {
        Image image;
        try
        {
            // Check the JPEG header against the dataset before the decoder allocates anything for the pixels.
            var header = JpegDecoder.Identify(frame);
            if (header.Width != info.Columns || header.Height != info.Rows || header.ComponentCount != info.SamplesPerPixel)
            {
                throw new ImageFormatException(
                    "DICOM",
                    $"JPEG frame is {header.Width}x{header.Height}x{header.ComponentCount} but the dataset says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}",
                    offset);
            }

            image = JpegDecoder.Decode(frame, Options);
        }
        catch (ImageFormatException exception) when (exception.Format != "DICOM")
        {
            throw new ImageFormatException("DICOM", $"JPEG frame could not be decoded: {exception.Message}", offset, exception);
        }

        if (image.Width != info.Columns || image.Height != info.Rows || image.Channels != info.SamplesPerPixel)
        {
            throw new ImageFormatException(
                "DICOM",
                $"JPEG frame is {image.Width}x{image.Height}x{image.Channels} but the dataset says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}",
                offset);
        }

        var mask = (1 << info.BitsStored) - 1;
        var signBit = 1 << (info.BitsStored - 1);
        var values = image switch
        {
            Image<byte> bytes => bytes.Pixels.Select(v => (int)v).ToArray(),
            Image<ushort> words => words.Pixels.Select(v => (int)v).ToArray(),
            _ => throw new ImageFormatException("DICOM", "JPEG decoder returned an unexpected sample type", offset),
        };
        for (var i = 0; i < values.Length; i++)
        {
            // Lossless JPEG carries the stored bit pattern; signed data is two's complement in Bits Stored bits.
            var value = values[i] & mask;
            values[i] = info.IsSigned && (value & signBit) != 0 ? value - (signBit << 1) : value;
        }

        return values;
    }
}
