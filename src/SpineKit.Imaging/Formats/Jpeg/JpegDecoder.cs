namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes JPEG images (baseline, extended, progressive and lossless Huffman-coded processes) in managed code,
/// matching libjpeg-turbo's default output (accurate integer IDCT, fancy upsampling). Malformed or unsupported
/// input always ends in an <see cref="ImageFormatException"/>.
/// </summary>
public static class JpegDecoder
{
    /// <summary>
    /// Decodes a JPEG stream: an <see cref="Image{T}"/> of <see cref="byte"/> for precision up to 8 bits, of
    /// <see cref="ushort"/> above; 1 channel for greyscale, 3 for colour (RGB unless
    /// <see cref="JpegDecoderOptions.ConvertColor"/> is false, which keeps the coded components, 4 for CMYK).
    /// </summary>
    /// <param name="data">The complete JPEG stream (SOI to EOI).</param>
    /// <param name="options">Color and orientation handling; <see cref="JpegDecoderOptions.Default"/> when null.</param>
    /// <exception cref="ImageFormatException">The data is not a decodable JPEG.</exception>
    public static Image Decode(ReadOnlySpan<byte> data, JpegDecoderOptions? options = null)
    {
        options ??= JpegDecoderOptions.Default;
        var core = new JpegDecoderCore();
        core.Read(data, headerOnly: false, options.AcceptTruncated);
        return JpegImageAssembler.Assemble(core, options);
    }

    /// <summary>Decodes the JPEG file at <paramref name="path"/>; see <see cref="Decode(ReadOnlySpan{byte}, JpegDecoderOptions?)"/>.</summary>
    /// <exception cref="ImageFormatException">The file is not a decodable JPEG.</exception>
    public static Image DecodeFile(string path, JpegDecoderOptions? options = null) => Decode(File.ReadAllBytes(path), options);

    /// <summary>Reads only the headers: size, components, precision, process, sampling and EXIF orientation.</summary>
    /// <exception cref="ImageFormatException">The headers are malformed or name an unsupported process.</exception>
    public static JpegInfo Identify(ReadOnlySpan<byte> data)
    {
        var core = new JpegDecoderCore();
        core.Read(data, headerOnly: true);
        var frame = core.Frame!;
        return new JpegInfo(
            frame.Width,
            frame.Height,
            frame.Components.Length,
            frame.Precision,
            frame.Process,
            core.ColorSpace,
            frame.Components.Select(c => (c.HorizontalFactor, c.VerticalFactor)).ToArray(),
            core.Orientation,
            core.FirstRestartInterval);
    }

    /// <summary>Reads only the headers of the file at <paramref name="path"/>; see <see cref="Identify(ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ImageFormatException">The headers are malformed or name an unsupported process.</exception>
    public static JpegInfo IdentifyFile(string path) => Identify(File.ReadAllBytes(path));
}
