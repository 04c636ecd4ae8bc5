using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Tests.Support;

/// <summary>
/// Test-only reader of a baseline/progressive JPEG's frame size from its SOFn marker; Anatomy itself never
/// reads images, so the data-backed tests need their own way to learn image heights.
/// </summary>
internal static class JpegHeaderSize
{
    public static ImageSize Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (reader.ReadByte() != 0xFF || reader.ReadByte() != 0xD8)
        {
            throw new InvalidDataException($"{path} is not a JPEG file.");
        }

        while (true)
        {
            var prefix = reader.ReadByte();
            if (prefix != 0xFF)
            {
                throw new InvalidDataException($"{path}: expected a marker at byte {stream.Position - 1}.");
            }

            var marker = reader.ReadByte();
            while (marker == 0xFF)
            {
                marker = reader.ReadByte();
            }

            var length = (reader.ReadByte() << 8) | reader.ReadByte();
            var isFrame = marker is >= 0xC0 and <= 0xCF && marker is not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                reader.ReadByte();
                var height = (reader.ReadByte() << 8) | reader.ReadByte();
                var width = (reader.ReadByte() << 8) | reader.ReadByte();
                return new ImageSize(width, height);
            }

            stream.Seek(length - 2, SeekOrigin.Current);
        }
    }
}
