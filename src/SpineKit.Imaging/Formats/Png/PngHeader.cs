namespace SpineKit.Imaging.Formats.Png;

/// <summary>The validated contents of an IHDR chunk and the raster geometry that follows from it.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel as stored in the file (a palette index counts as one).</summary>
    public int FileSamplesPerPixel => ColorType switch
    {
        PngColorType.Grey or PngColorType.Palette => 1,
        PngColorType.GreyAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bits of one pixel in the filtered scanline.</summary>
    public int BitsPerPixel => FileSamplesPerPixel * BitDepth;

    /// <summary>The byte distance the filters look back: one pixel, at least one byte.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one scanline of <paramref name="width"/> pixels, without the filter byte.</summary>
    public long RowBytes(int width) => (((long)width * BitsPerPixel) + 7) / 8;

    /// <summary>Parses and validates the 13 IHDR bytes; <paramref name="offset"/> locates errors.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> data, long offset)
    {
        if (data.Length != 13)
        {
            throw new ImageFormatException("PNG", $"IHDR chunk has {data.Length} bytes, expected 13", offset);
        }

        var width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new ImageFormatException("PNG", $"invalid image size {width}x{height}", offset);
        }

        if ((long)width * height > Image.MaxPixelCount)
        {
            throw new ImageFormatException("PNG", $"image size {width}x{height} exceeds the limit of {Image.MaxPixelCount} pixels", offset);
        }

        int bitDepth = data[8];
        var colorType = (PngColorType)data[9];
        var allowed = colorType switch
        {
            PngColorType.Grey => bitDepth is 1 or 2 or 4 or 8 or 16,
            PngColorType.Palette => bitDepth is 1 or 2 or 4 or 8,
            PngColorType.Rgb or PngColorType.GreyAlpha or PngColorType.Rgba => bitDepth is 8 or 16,
            _ => throw new ImageFormatException("PNG", $"unknown colour type {data[9]}", offset + 9),
        };
        if (!allowed)
        {
            throw new ImageFormatException("PNG", $"bit depth {bitDepth} is not allowed for colour type {data[9]}", offset + 8);
        }

        if (data[10] != 0)
        {
            throw new ImageFormatException("PNG", $"unknown compression method {data[10]}", offset + 10);
        }

        if (data[11] != 0)
        {
            throw new ImageFormatException("PNG", $"unknown filter method {data[11]}", offset + 11);
        }

        if (data[12] > 1)
        {
            throw new ImageFormatException("PNG", $"unknown interlace method {data[12]}", offset + 12);
        }

        return new PngHeader((int)width, (int)height, bitDepth, colorType, data[12] == 1);
    }
}
