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

    [Fact]
    public void Decode_AHeaderClaimingMorePixelsThanTheFileCanHoldIsRefusedBeforeAllocating()
    {
        // The fixture's own scan, behind a frame header that now claims 16384 x 16384 pixels (4.2 M blocks,
        // at least 524 KB of entropy-coded data): it is refused at once, where decoding it took gigabytes.
        var data = JpegFixtures.Bytes("gray-baseline.jpg").ToArray();
        var sof = Enumerable.Range(0, data.Length - 1).First(i => data[i] == 0xFF && data[i + 1] == 0xC0);
        data[sof + 5] = 0x40;
        data[sof + 6] = 0x00;
        data[sof + 7] = 0x40;
        data[sof + 8] = 0x00;
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data));

        Assert.Contains("16384x16384", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "refused before the planes were allocated");
    }
}
