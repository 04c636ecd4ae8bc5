namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Decodes PNG files (ISO/IEC 15948): every colour type and bit depth, tRNS, Adam7 interlacing, all five filters,
/// with CRCs checked and decompression bounded by the header. Bad input raises <see cref="ImageFormatException"/>.
/// </summary>
public static class PngDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> data) =>
        data.Length >= 8 && data[..8].SequenceEqual(PngChunkParser.Signature);

    /// <summary>
    /// The physical pixel size from the pHYs chunk when it is given in pixels per metre, else null. Reads the chunks
    /// (with CRC checks) but decodes no pixels.
    /// </summary>
    /// <exception cref="ImageFormatException">The chunk structure is invalid.</exception>
    public static PixelSpacing? ReadPixelSpacing(ReadOnlySpan<byte> data) => PngChunkParser.Parse(data, headersOnly: true).PixelSpacing;

    /// <summary>
    /// Decodes a PNG file. Returns <see cref="Image{T}"/> of <see cref="byte"/> for bit depths up to 8 (1, 2 and
    /// 4-bit grey scaled to 0..255) or of <see cref="ushort"/> for 16-bit files. Channels: 1 grey, 2 grey+alpha,
    /// 3 RGB, 4 RGBA; palettes become RGB, or RGBA when a tRNS chunk is present, and a tRNS colour key on grey or
    /// RGB adds an alpha channel (0 where the key matches, full scale elsewhere).
    /// </summary>
    /// <exception cref="ImageFormatException">The data is not a valid PNG or exceeds <see cref="Image.MaxPixelCount"/>.</exception>
    public static Image Decode(ReadOnlySpan<byte> data)
    {
        var structure = PngChunkParser.Parse(data);
        var header = structure.Header;
        var passes = new PngPass[header.Interlaced ? 7 : 1];
        long expected = 0;
        for (var p = 0; p < passes.Length; p++)
        {
            passes[p] = header.Interlaced ? Adam7.Pass(p, header.Width, header.Height) : PngPass.Full(header.Width, header.Height);
            if (!passes[p].IsEmpty)
            {
                expected += passes[p].Height * (1 + header.RowBytes(passes[p].Width));
            }
        }

        var expander = new PngPixelExpander(header, structure.Palette, structure.Transparency, structure.FirstDataOffset);
        var channels = expander.OutputChannels;
        var sampleCount = (long)header.Width * header.Height * channels;
        if (header.BitDepth == 8 && expander.IsDirect && !header.Interlaced && PngInflater.CouldFill(structure.CompressedData.Length, expected))
        {
            // The common case (8-bit grey or colour, one pass): every scanline is inflated into its place in the
            // pixels and unfiltered there, against the row above it; no intermediate copy of the image exists.
            return DecodeDirect(structure, expected, channels);
        }

        var raw = PngInflater.Inflate(structure.CompressedData, expected, structure.FirstDataOffset);
        if (header.BitDepth == 16)
        {
            var pixels = new ushort[sampleCount];
            Unfilter(raw, passes, header, structure.FirstDataOffset, (row, pass, y) => expander.ExpandRow(row, pass, y, pixels));
            return new Image<ushort>(header.Width, header.Height, channels, pixels, 16);
        }
        else
        {
            var pixels = new byte[sampleCount];
            Unfilter(raw, passes, header, structure.FirstDataOffset, (row, pass, y) => expander.ExpandRow(row, pass, y, pixels));
            return new Image<byte>(header.Width, header.Height, channels, pixels, 8);
        }
    }

    private static Image<byte> DecodeDirect(PngStructure structure, long expected, int channels)
    {
        var header = structure.Header;
        var rowBytes = header.Width * channels;
        var pixels = GC.AllocateUninitializedArray<byte>(rowBytes * header.Height);
        using var inflater = PngInflater.Open(structure.CompressedData, expected, structure.FirstDataOffset);
        Span<byte> filter = stackalloc byte[1];
        ReadOnlySpan<byte> previous = new byte[rowBytes];
        for (var y = 0; y < header.Height; y++)
        {
            var row = pixels.AsSpan(y * rowBytes, rowBytes);
            inflater.ReadExactly(filter);
            inflater.ReadExactly(row);
            PngUnfilter.Apply(filter[0], row, previous, header.FilterStride, structure.FirstDataOffset);
            previous = row;
        }

        return new Image<byte>(header.Width, header.Height, channels, pixels, 8);
    }

    private delegate void RowSink(ReadOnlySpan<byte> row, PngPass pass, int passRow);

    private static void Unfilter(byte[] raw, PngPass[] passes, PngHeader header, long offset, RowSink sink)
    {
        var position = 0;
        foreach (var pass in passes)
        {
            if (pass.IsEmpty)
            {
                continue;
            }

            var rowBytes = (int)header.RowBytes(pass.Width);
            Span<byte> previous = new byte[rowBytes];
            for (var y = 0; y < pass.Height; y++)
            {
                var filter = raw[position];
                var row = raw.AsSpan(position + 1, rowBytes);
                PngUnfilter.Apply(filter, row, previous, header.FilterStride, offset);
                sink(row, pass, y);
                previous = row;
                position += rowBytes + 1;
            }
        }
    }
}
