using System.Buffers.Binary;
using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// 12-bit DCT and lossless (process 14) JPEGs made by DCMTK's dcmcjpeg, compared with dcmdjpeg's decodes
/// (for the lossless ones these equal the source samples, checked when the fixtures were made).
/// </summary>
public sealed class JpegHighPrecisionTests
{
    private const int Width = 41;
    private const int Height = 35;

    [Theory]
    [InlineData("lossless-16-sv1")]
    [InlineData("lossless-16-sv2")]
    [InlineData("lossless-16-sv3")]
    [InlineData("lossless-16-sv4")]
    [InlineData("lossless-16-sv5")]
    [InlineData("lossless-16-sv6")]
    [InlineData("lossless-16-sv7")]
    [InlineData("lossless-12-sv1")]
    [InlineData("lossless-12-sv4-pt2")]
    public void Lossless_ReproducesTheSamples(string name)
    {
        // dcmcjpeg codes 12-bit data in a 16-bit lossless frame; the output depth follows the frame header.
        var data = JpegFixtures.Bytes(name + ".jpg");
        var image = Assert.IsType<Image<ushort>>(JpegDecoder.Decode(data, JpegDecoderOptions.Raw));

        Assert.Equal((Width, Height, 1, JpegDecoder.Identify(data).Precision), (image.Width, image.Height, image.Channels, image.BitDepth));
        Assert.Equal(ReadWords(name + ".raw"), image.Pixels);
    }

    [Fact]
    public void Lossless8Bit_ReproducesTheSamples()
    {
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes("lossless-8-sv7.jpg")));

        Assert.Equal(JpegFixtures.Bytes("lossless-8-sv7.raw"), image.Pixels);
    }

    [Theory]
    [InlineData("extended-12", JpegProcess.ExtendedSequential)]
    [InlineData("progressive-12", JpegProcess.Progressive)]
    public void TwelveBit_MatchesIjgDecode(string name, JpegProcess process)
    {
        var data = JpegFixtures.Bytes(name + ".jpg");
        var info = JpegDecoder.Identify(data);
        var image = Assert.IsType<Image<ushort>>(JpegDecoder.Decode(data));
        var reference = ReadWords(name + ".raw");

        Assert.Equal((12, process), (info.Precision, info.Process));
        Assert.Equal((Width, Height, 12), (image.Width, image.Height, image.BitDepth));
        var worst = reference.Select((value, i) => Math.Abs(value - image.Pixels[i])).Max();
        Assert.True(worst <= 1, $"largest difference {worst}");
    }

    [Fact]
    public void Extended8Bit_MatchesIjgDecode()
    {
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes("extended-8.jpg")));
        var reference = JpegFixtures.Bytes("extended-8.raw");

        var worst = reference.Select((value, i) => Math.Abs(value - image.Pixels[i])).Max();
        Assert.True(worst <= 1, $"largest difference {worst}");
    }

    [Fact]
    public void Identify_LosslessReportsProcessAndPrecision()
    {
        var info = JpegDecoder.Identify(JpegFixtures.Bytes("lossless-16-sv1.jpg"));

        Assert.Equal((JpegProcess.Lossless, 16, 1), (info.Process, info.Precision, info.ComponentCount));
    }

    private static ushort[] ReadWords(string name)
    {
        var bytes = JpegFixtures.Bytes(name);
        var words = new ushort[bytes.Length / 2];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return words;
    }
}
