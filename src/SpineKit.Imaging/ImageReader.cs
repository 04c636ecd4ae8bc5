using SpineKit.Imaging.Formats.Dicom;
using SpineKit.Imaging.Formats.Jpeg;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging;

/// <summary>
/// The one entry point for loading radiographs: sniffs PNG, JPEG or DICOM from the content (never the file name),
/// decodes it, and returns a <see cref="RadiographImage"/>.
/// </summary>
public static class ImageReader
{
    /// <summary>Files larger than this (1 GiB) are refused before reading.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads and decodes the file at <paramref name="path"/> (frame <paramref name="frame"/> of multi-frame DICOM).</summary>
    /// <exception cref="ImageFormatException">The content is not a supported, decodable image, or the file is too large.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, unreadable, a directory).</exception>
    public static RadiographImage Read(string path, int frame = 0) => Read(ReadFile(path), frame);

    /// <summary>Decodes an in-memory file; see <see cref="Read(string, int)"/>.</summary>
    /// <exception cref="ImageFormatException">The content is not a supported, decodable image.</exception>
    public static RadiographImage Read(ReadOnlySpan<byte> data, int frame = 0)
    {
        var format = DetectFormat(data)
            ?? throw new ImageFormatException("image", "unrecognised content (not PNG, JPEG or DICOM)", 0);
        if (frame != 0 && format != ImageContainerFormat.Dicom)
        {
            throw new ImageFormatException(format.ToString().ToUpperInvariant(), $"asked for frame {(long)frame + 1} of a 1-frame file (frames count from 1)");
        }

        return format switch
        {
            ImageContainerFormat.Png => FromPlain(PngDecoder.Decode(data), format, PngDecoder.ReadPixelSpacing(data)),
            ImageContainerFormat.Jpeg => FromPlain(JpegDecoder.Decode(data), format, null),
            _ => FromDicom(DicomDecoder.Decode(data, frame)),
        };
    }

    /// <summary>
    /// Reads only the metadata of the file at <paramref name="path"/>: headers are parsed and checked but no pixels are
    /// decoded, so it also describes files whose pixel data is in an unsupported compression.
    /// </summary>
    /// <exception cref="ImageFormatException">The headers are not a supported, valid image, or the file is too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RadiographMetadata Identify(string path) => Identify(ReadFile(path));

    /// <summary>Reads only the metadata of an in-memory file; see <see cref="Identify(string)"/>.</summary>
    /// <exception cref="ImageFormatException">The headers are not a supported, valid image.</exception>
    public static RadiographMetadata Identify(ReadOnlySpan<byte> data)
    {
        var format = DetectFormat(data)
            ?? throw new ImageFormatException("image", "unrecognised content (not PNG, JPEG or DICOM)", 0);
        switch (format)
        {
            case ImageContainerFormat.Png:
                var png = PngChunkParser.Parse(data, headersOnly: true);
                return PlainMetadata(
                    format,
                    png.Header.Width,
                    png.Header.Height,
                    PngPixelExpander.ChannelsFor(png.Header, png.Transparency is not null),
                    png.Header.BitDepth == 16 ? 16 : 8,
                    png.PixelSpacing);
            case ImageContainerFormat.Jpeg:
                var jpeg = JpegDecoder.Identify(data);
                return PlainMetadata(format, jpeg.OrientedWidth, jpeg.OrientedHeight, jpeg.ComponentCount, jpeg.Precision, null);
            default:
                var dicom = DicomDecoder.ReadMetadata(data);
                return DicomMetadata(dicom, dicom.SamplesPerPixel, 0);
        }
    }

    /// <summary>The format the content starts like, or null: JPEG SOI, PNG signature, DICOM "DICM" or a bare dataset.</summary>
    public static ImageContainerFormat? DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageContainerFormat.Jpeg;
        }

        if (PngDecoder.IsPng(data))
        {
            return ImageContainerFormat.Png;
        }

        return DicomDecoder.IsDicom(data) ? ImageContainerFormat.Dicom : null;
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a directory, not an image file.");
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ImageFormatException("image", $"'{info.Name}' is {info.Length} bytes, over the {MaxFileBytes}-byte limit");
        }

        return File.ReadAllBytes(path);
    }

    private static RadiographImage FromPlain(Image pixels, ImageContainerFormat format, PixelSpacing? spacing) =>
        new(pixels, PlainMetadata(format, pixels.Width, pixels.Height, pixels.Channels, pixels.BitDepth, spacing), null);

    private static RadiographMetadata PlainMetadata(ImageContainerFormat format, int width, int height, int channels, int bitDepth, PixelSpacing? spacing) => new()
    {
        Format = format,
        Width = width,
        Height = height,
        Channels = channels,
        BitDepth = bitDepth,
        PhotometricInterpretation = channels >= 3 ? "RGB" : "MONOCHROME2",
        PixelSpacing = spacing,
        PixelSpacingSource = spacing is null ? PixelSpacingSource.None : PixelSpacingSource.PngPhysicalDimensions,
    };

    private static RadiographImage FromDicom(DicomImage image) =>
        new(image.Pixels, DicomMetadata(image.Metadata, image.Pixels.Channels, image.FrameIndex), image);

    private static RadiographMetadata DicomMetadata(DicomMetadata m, int channels, int frame) => new()
    {
        Format = ImageContainerFormat.Dicom,
        Width = m.Columns,
        Height = m.Rows,
        Channels = channels,
        BitDepth = m.BitsStored,
        PhotometricInterpretation = m.PhotometricInterpretation,
        PixelSpacing = m.PixelSpacing,
        PixelSpacingSource = m.PixelSpacingSource,
        TransferSyntaxUid = m.TransferSyntax.Uid,
        TransferSyntaxName = m.TransferSyntax.Name,
        Modality = m.Modality,
        ViewPosition = m.ViewPosition,
        BodyPartExamined = m.BodyPartExamined,
        ImageLaterality = m.ImageLaterality,
        FrameCount = m.NumberOfFrames,
        FrameIndex = frame,
    };
}
