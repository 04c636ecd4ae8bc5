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
    /// <summary>Reads and decodes the file at <paramref name="path"/> (frame <paramref name="frame"/> of multi-frame DICOM).</summary>
    /// <exception cref="ImageFormatException">The content is not a supported, decodable image, or it is over the limits of <paramref name="options"/>.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, unreadable, a directory).</exception>
    public static RadiographImage Read(string path, int frame = 0, ImageReadOptions? options = null) => Read(ReadBytes(path, options), frame, options);

    /// <summary>Decodes an in-memory file; see <see cref="Read(string, int, ImageReadOptions?)"/>.</summary>
    /// <exception cref="ImageFormatException">The content is not a supported, decodable image, or it is over the limits of <paramref name="options"/>.</exception>
    public static RadiographImage Read(ReadOnlySpan<byte> data, int frame = 0, ImageReadOptions? options = null)
    {
        options ??= ImageReadOptions.Default;
        var format = DetectFormat(data)
            ?? throw new ImageFormatException("image", "unrecognised content (not PNG, JPEG or DICOM)", 0);
        if (frame != 0 && format != ImageContainerFormat.Dicom)
        {
            throw new ImageFormatException(format.ToString().ToUpperInvariant(), $"asked for frame {(long)frame + 1} of a 1-frame file (frames count from 1)");
        }

        // The headers are read first so a size beyond the budget is refused before any pixel is allocated.
        switch (format)
        {
            case ImageContainerFormat.Png:
                var header = PngChunkParser.Parse(data, headersOnly: true);
                RequireWithinBudget("PNG", header.Header.Width, header.Header.Height, options);
                return FromPlain(PngDecoder.Decode(data), format, header.PixelSpacing);
            case ImageContainerFormat.Jpeg:
                var info = JpegDecoder.Identify(data);
                RequireWithinBudget("JPEG", info.Width, info.Height, options);
                return FromPlain(JpegDecoder.Decode(data, options.AcceptTruncated ? JpegDecoderOptions.Default with { AcceptTruncated = true } : null), format, null);
            default:
                return FromDicom(DicomDecoder.Decode(data, frame, options));
        }
    }

    /// <summary>
    /// The bytes of the file at <paramref name="path"/>, read only when it is a non-empty file within
    /// <see cref="ImageReadOptions.MaxFileBytes"/>. Pipes, sockets and devices report no size and are refused without
    /// being opened (opening a pipe would wait forever for a writer; a device such as /dev/zero never ends).
    /// </summary>
    /// <exception cref="ImageFormatException">The file is empty, not a regular file, too large, or shrank while being read.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, unreadable, a directory).</exception>
    public static byte[] ReadBytes(string path, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ImageReadOptions.Default;
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a directory, not an image file.");
        }

        // A link is judged by what it points at (its own size is the length of the target's name).
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = target;
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        if (info.Length == 0)
        {
            throw new ImageFormatException("image", $"'{info.Name}' is empty (0 bytes) or not a regular file (a pipe, socket or device), so it was not read", 0);
        }

        if (info.Length > options.MaxFileBytes)
        {
            throw new ImageFormatException("image", $"'{info.Name}' is {info.Length} bytes, over the {options.MaxFileBytes}-byte limit", 0);
        }

        // Exactly the size the file system reported: a file that grows meanwhile cannot make the read unbounded.
        var bytes = new byte[info.Length];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = stream.Read(bytes, filled, bytes.Length - filled);
            if (read == 0)
            {
                throw new ImageFormatException("image", $"'{info.Name}' ended after {filled} of its {bytes.Length} bytes while being read", filled);
            }

            filled += read;
        }

        return bytes;
    }

    /// <summary>Refuses a <paramref name="width"/> x <paramref name="height"/> image beyond <see cref="ImageReadOptions.MaxPixels"/>.</summary>
    /// <exception cref="ImageFormatException">The image is over the budget.</exception>
    internal static void RequireWithinBudget(string format, long width, long height, ImageReadOptions options)
    {
        if (width * height > options.MaxPixels)
        {
            throw new ImageFormatException(format, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the header declares {width}x{height} pixels ({width * height / 1e6:0.#} megapixels), over the decoding limit of {options.MaxPixels / 1e6:0.#} megapixels"), 0);
        }
    }

    /// <summary>
    /// Reads only the metadata of the file at <paramref name="path"/>: headers are parsed and checked but no pixels are
    /// decoded, so it also describes files whose pixel data is in an unsupported compression.
    /// </summary>
    /// <exception cref="ImageFormatException">The headers are not a supported, valid image, or the file is too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RadiographMetadata Identify(string path, ImageReadOptions? options = null) => Identify(ReadBytes(path, options), options);

    /// <summary>Reads only the metadata of an in-memory file; see <see cref="Identify(string, ImageReadOptions?)"/>.</summary>
    /// <exception cref="ImageFormatException">The headers are not a supported, valid image.</exception>
    public static RadiographMetadata Identify(ReadOnlySpan<byte> data, ImageReadOptions? options = null)
    {
        options ??= ImageReadOptions.Default;
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
                var dicom = DicomDecoder.ReadMetadata(data, options);
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
        StudyInstanceUid = m.StudyInstanceUid,
        SeriesInstanceUid = m.SeriesInstanceUid,
        SopInstanceUid = m.SopInstanceUid,
        PatientOrientation = m.PatientOrientation,
        ImageLaterality = m.ImageLaterality,
        FrameCount = m.NumberOfFrames,
        FrameIndex = frame,
    };
}
