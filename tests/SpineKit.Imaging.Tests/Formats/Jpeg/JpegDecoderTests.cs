using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>Decodes small committed JPEGs and compares with the decodes libjpeg-turbo's djpeg made of them.</summary>
public sealed class JpegDecoderTests
{
    [Theory]
    [InlineData("gray-baseline")]
    [InlineData("gray-progressive")]
    [InlineData("gray-restart")]
    [InlineData("color-444")]
    [InlineData("color-422")]
    [InlineData("color-420")]
    [InlineData("color-440")]
    [InlineData("color-411")]
    [InlineData("color-420-progressive")]
    [InlineData("color-420-restart")]
    [InlineData("color-noninterleaved")]
    [InlineData("color-rgb")]
    public void Decode_MatchesLibjpegTurboExactly(string name)
    {
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes(name + ".jpg")));
        var reference = JpegFixtures.ReadPnm(name + (image.Channels == 1 ? ".pgm" : ".ppm"));

        Assert.Equal((reference.Width, reference.Height, reference.Channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(8, image.BitDepth);
        var worst = 0;
        for (var i = 0; i < reference.Samples.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(reference.Samples[i] - image.Pixels[i]));
        }

        Assert.Equal(0, worst);
    }

    [Fact]
    public void Decode_RawOptions_KeepsYCbCrComponents()
    {
        var data = JpegFixtures.Bytes("color-444.jpg");
        var rgb = Assert.IsType<Image<byte>>(JpegDecoder.Decode(data));
        var raw = Assert.IsType<Image<byte>>(JpegDecoder.Decode(data, JpegDecoderOptions.Raw));

        Assert.Equal(3, raw.Channels);
        Assert.NotEqual(rgb.Pixels, raw.Pixels);

        // Luma from the RGB reference (BT.601 weights) agrees with the raw Y channel up to rounding and RGB clipping.
        var reference = JpegFixtures.ReadPnm("color-444.ppm");
        for (var i = 0; i < raw.PixelCount; i++)
        {
            var luma = (0.299 * reference.Samples[3 * i]) + (0.587 * reference.Samples[(3 * i) + 1]) + (0.114 * reference.Samples[(3 * i) + 2]);
            Assert.InRange(raw.Pixels[3 * i] - luma, -6, 6);
        }
    }

    [Fact]
    public void Decode_ArithmeticCoding_IsRejectedAsUnsupported()
    {
        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(JpegFixtures.Bytes("color-arithmetic.jpg")));

        Assert.Contains("arithmetic", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void Decode_NotAJpeg_NamesTheProblem()
    {
        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode("GIF89a......"u8));

        Assert.Equal("JPEG", error.Format);
        Assert.Contains("SOI", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData(2)] // only the EOI marker lost
    [InlineData(200)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Decode_ATruncatedFileIsRefusedNotMeasuredAsIfWhole(double cut)
    {
        var data = JpegFixtures.Bytes("gray-baseline.jpg");
        Assert.IsType<Image<byte>>(JpegDecoder.Decode(data));
        var keep = cut < 1 ? (int)(data.Length * cut) : data.Length - (int)cut;

        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data.AsSpan(0, keep)));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }
}
