using System.Buffers.Binary;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests.Fuzzing;

public sealed class PngFuzzTests
{
    private static readonly string[] SeedNames =
        ["grey1-adam7", "grey4", "grey16-adam7", "rgb8", "rgb16-adam7", "greyalpha8", "rgba16", "palette2", "palette8-trns", "grey8-trns", "rgb8-trns"];

    [Fact]
    public void CorruptedPngsDecodeOrFailCleanly()
    {
        var seeds = SeedNames.Select(n => File.ReadAllBytes(Fixtures.PathOf("Png", n + ".png"))).ToArray();

        var (decoded, rejected) = FuzzRunner.Run(seeds, 3000, 1234, ChunkLengths, FixCrcs, bytes =>
        {
            var image = PngDecoder.Decode(bytes);
            Assert.InRange((long)image.Width * image.Height, 1, Image.MaxPixelCount);
        });

        Assert.Equal(3000, decoded + rejected);
        Assert.True(decoded > 100 && rejected > 100, $"decoded {decoded}, rejected {rejected}: the mutations should produce both");
    }

    private static List<(int, int, bool)> ChunkLengths(byte[] png)
    {
        var fields = new List<(int, int, bool)>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            fields.Add((at, 4, true));
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 4)) == 0x49484452)
            {
                // IHDR width and height are the sizes a forged header would inflate.
                fields.Add((at + 8, 4, true));
                fields.Add((at + 12, 4, true));
            }

            at += 12 + (int)length;
        }

        return fields;
    }

    private static byte[] FixCrcs(byte[] png)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > png.Length - at - 12)
            {
                break;
            }

            var crc = Crc32.Compute(png.AsSpan(at + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + (int)length), crc);
            at += 12 + (int)length;
        }

        return png;
    }
}
