using System.IO.Compression;

namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Inflates the zlib stream of the IDAT chunks into exactly the number of bytes the header implies. The output
/// buffer grows with the data actually produced, so a forged header on a tiny file cannot force a large allocation,
/// and nothing past the expected length is ever inflated (no decompression bombs).
/// </summary>
internal static class PngInflater
{
    private const int InitialCapacity = 1 << 16;

    public static byte[] Inflate(byte[] compressed, long expectedLength, long offset)
    {
        if (expectedLength > Array.MaxLength)
        {
            throw new ImageFormatException("PNG", $"image data of {expectedLength} bytes is too large to decode", offset);
        }

        var expected = (int)expectedLength;
        var buffer = new byte[Math.Min(expected, InitialCapacity)];
        var filled = 0;
        try
        {
            using var source = new MemoryStream(compressed, writable: false);
            using var zlib = new ZLibStream(source, CompressionMode.Decompress);
            while (filled < expected)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(expected, (long)buffer.Length * 2));
                }

                var read = zlib.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    throw new ImageFormatException("PNG", $"image data ends after {filled} of {expected} bytes (truncated or corrupt)", offset);
                }

                filled += read;
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ImageFormatException("PNG", $"corrupt compressed image data ({exception.Message})", offset, exception);
        }

        return buffer;
    }
}
