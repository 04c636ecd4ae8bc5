using System.Buffers.Binary;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Cli;

/// <summary>
/// Reads an image's pixel size from its header alone: the JPEG frame header (SOFn) or the PNG IHDR chunk.
/// Temporary: replace with <c>ImageReader.Identify</c> from SpineKit.Imaging once that is merged.
/// </summary>
internal static class ImageSizeProbe
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height of the JPEG or PNG file at <paramref name="path"/>; InvalidDataException otherwise.</summary>
    public static ImageSize Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"image not found: {path}", path);
        }

        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[24];
        var count = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (count >= 24 && head[..8].SequenceEqual(PngSignature) && head[12..16].SequenceEqual("IHDR"u8))
        {
            return Checked(path, BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]));
        }

        if (count >= 2 && head[0] == 0xFF && head[1] == 0xD8)
        {
            stream.Position = 2;
            return JpegFrameSize(stream, path);
        }

        throw new InvalidDataException($"{path}: not a JPEG or PNG file");
    }

    private static ImageSize JpegFrameSize(Stream stream, string path)
    {
        Span<byte> segment = stackalloc byte[7];
        while (true)
        {
            int marker;
            do
            {
                marker = stream.ReadByte();
            }
            while (marker == 0xFF);

            if (marker < 0 || stream.Position < 3)
            {
                break;
            }

            // Standalone markers carry no length.
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (stream.ReadAtLeast(segment[..2], 2, throwOnEndOfStream: false) < 2)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(segment);
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (stream.ReadAtLeast(segment[..5], 5, throwOnEndOfStream: false) < 5)
                {
                    break;
                }

                return Checked(path, BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), BinaryPrimitives.ReadUInt16BigEndian(segment[1..]));
            }

            if (length < 2 || marker == 0xD9 || marker == 0xDA)
            {
                break;
            }

            stream.Seek(length - 2, SeekOrigin.Current);
            if (stream.ReadByte() != 0xFF)
            {
                break;
            }
        }

        throw new InvalidDataException($"{path}: no JPEG frame header found");
    }

    private static ImageSize Checked(string path, int width, int height) =>
        width > 0 && height > 0 ? new ImageSize(width, height) : throw new InvalidDataException($"{path}: the header gives an empty image ({width}x{height})");
}
