namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>Reads the EXIF orientation tag (0x0112) from an APP1 payload and applies it to a decoded image.</summary>
internal static class ExifOrientation
{
    private const int OrientationTag = 0x0112;

    /// <summary>The orientation (1..8) stated in an APP1 "Exif" payload, or null when it has none or it is malformed.</summary>
    public static int? Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 14 || !payload[..6].SequenceEqual("Exif\0\0"u8))
        {
            return null;
        }

        var tiff = payload[6..];
        bool littleEndian;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            littleEndian = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            littleEndian = false;
        }
        else
        {
            return null;
        }

        var ifd = ReadUInt32(tiff, 4, littleEndian);
        if (ifd < 8 || ifd > tiff.Length - 2)
        {
            return null;
        }

        var entries = ReadUInt16(tiff, (int)ifd, littleEndian);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + (12 * i);
            if (at + 12 > tiff.Length)
            {
                return null;
            }

            if (ReadUInt16(tiff, at, littleEndian) == OrientationTag)
            {
                // Type SHORT (3), count 1: the value sits in the first two bytes of the value field.
                var value = ReadUInt16(tiff, at + 8, littleEndian);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    /// <summary>Returns <paramref name="image"/> rotated/flipped so it displays upright for <paramref name="orientation"/>.</summary>
    public static Image<T> Apply<T>(Image<T> image, int orientation)
        where T : unmanaged
    {
        if (orientation is < 2 or > 8)
        {
            return image;
        }

        var width = image.Width;
        var height = image.Height;
        var channels = image.Channels;
        var swap = orientation >= 5;
        var outWidth = swap ? height : width;
        var outHeight = swap ? width : height;
        var result = new Image<T>(outWidth, outHeight, channels, image.BitDepth);
        var source = image.Pixels;
        var target = result.Pixels;
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                // (sx, sy): the stored pixel that displays at (x, y).
                var (sx, sy) = orientation switch
                {
                    2 => (width - 1 - x, y),
                    3 => (width - 1 - x, height - 1 - y),
                    4 => (x, height - 1 - y),
                    5 => (y, x),
                    6 => (y, height - 1 - x),
                    7 => (width - 1 - y, height - 1 - x),
                    _ => (width - 1 - y, x),
                };
                var from = ((sy * width) + sx) * channels;
                var to = ((y * outWidth) + x) * channels;
                for (var c = 0; c < channels; c++)
                {
                    target[to + c] = source[from + c];
                }
            }
        }

        return result;
    }

    private static int ReadUInt16(ReadOnlySpan<byte> data, int at, bool littleEndian) =>
        littleEndian ? data[at] | (data[at + 1] << 8) : (data[at] << 8) | data[at + 1];

    private static uint ReadUInt32(ReadOnlySpan<byte> data, int at, bool littleEndian) =>
        littleEndian
            ? (uint)(data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24))
            : (uint)((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]);
}
