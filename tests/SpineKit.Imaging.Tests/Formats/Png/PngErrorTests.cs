using System.Buffers.Binary;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests.Formats.Png;

public sealed class PngErrorTests
{
    private static byte[] Sample() => File.ReadAllBytes(Fixtures.PathOf("Png", "rgb8.png"));

    [Fact]
    public void CorruptChunkFailsTheCrcCheck()
    {
        var bytes = Sample();
        bytes[20] ^= 0x01; // inside IHDR's width

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes));

        Assert.Contains("CRC mismatch in chunk 'IHDR'", error.Message);
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void TruncatedFileIsReported()
    {
        var bytes = Sample();

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes.AsSpan(0, bytes.Length - 20)));

        Assert.Contains("past the end of the file", error.Message);
    }

    [Fact]
    public void MissingSignatureIsReported()
    {
        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode("GIF89a..."u8));

        Assert.Contains("signature", error.Message);
    }

    [Fact]
    public void OversizedHeaderIsRejectedBeforeAnyAllocation()
    {
        var bytes = WithHeader(Sample(), 1 << 15, (1 << 13) + 1);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes));

        Assert.Contains("exceeds the limit", error.Message);
    }

    [Fact]
    public void HeaderLargerThanTheDataIsReportedAsTruncatedData()
    {
        // 16384 x 16384 RGB is allowed by the pixel limit, but the few hundred compressed bytes cannot fill it.
        var bytes = WithHeader(Sample(), 1 << 14, 1 << 14);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes));

        Assert.Contains("image data ends after", error.Message);
    }

    [Fact]
    public void AHeaderTheDataCannotFillIsNotAllocated()
    {
        // 16384 x 16384 RGB claims 805 MB; a few hundred compressed bytes can inflate to about a thousand times
        // their size at most, so the decoder must not allocate what the header says before the data has shown it.
        var bytes = WithHeader(Sample(), 1 << 14, 1 << 14);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }

    [Fact]
    public void TruncatedGreyDataIsReportedByTheDirectPath()
    {
        // An 8-bit grey film, one pass: the path that inflates rows straight into the pixels.
        var pixels = Enumerable.Range(0, 64 * 48).Select(i => (byte)((i * 7) ^ (i >> 5))).ToArray();
        var bytes = PngEncoder.Encode(new Image<byte>(64, 48, 1, pixels, 8));
        var image = Assert.IsType<Image<byte>>(PngDecoder.Decode(bytes));
        Assert.Equal(pixels, image.Pixels);

        var taller = WithHeader(bytes, 64, 49);
        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(taller));
        Assert.Contains("image data ends after", error.Message);
    }

    [Fact]
    public void ExcessImageDataIsNeverInflated()
    {
        // A 1x1 header in front of the 13x11 stream: the decoder reads the first row and stops.
        var bytes = WithHeader(Sample(), 1, 1);

        var image = Assert.IsType<Image<byte>>(PngDecoder.Decode(bytes));

        Assert.Equal((1, 1, 3), (image.Width, image.Height, image.Channels));
    }

    [Fact]
    public void DecompressionBombIsNotInflatedPastTheHeader()
    {
        // 64 MiB of zeros deflate to ~64 KiB; behind a 4x4 grey header only 20 bytes may come out.
        var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR"u8, [0, 0, 0, 4, 0, 0, 0, 4, 8, 0, 0, 0, 0]);
        WriteChunk(png, "IDAT"u8, compressed.ToArray());
        WriteChunk(png, "IEND"u8, []);
        var bytes = png.ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var image = Assert.IsType<Image<byte>>(PngDecoder.Decode(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(16, image.Pixels.Length);
        Assert.True(allocated < (2 * bytes.Length) + (1 << 20), $"allocated {allocated} bytes for a {bytes.Length}-byte file");
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var body = new byte[4 + data.Length];
        type.CopyTo(body);
        data.CopyTo(body.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(body));
        output.Write(word);
    }

    /// <summary>Rewrites IHDR's size and fixes its CRC so only the size is wrong.</summary>
    private static byte[] WithHeader(byte[] png, int width, int height)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        // An independent bitwise CRC-32, so the test does not rely on the decoder's table.
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
