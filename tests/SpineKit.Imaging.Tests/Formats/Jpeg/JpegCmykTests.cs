using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>Adobe CMYK, as Pillow writes it (APP14, inverted samples), against Pillow's own decodes.</summary>
public sealed class JpegCmykTests
{
    [Fact]
    public void Raw_KeepsTheFourStoredComponents()
    {
        var data = JpegFixtures.Bytes("color-cmyk.jpg");
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(data, JpegDecoderOptions.Raw));
        var ink = JpegFixtures.Bytes("color-cmyk.cmyk");

        Assert.Equal(JpegColorSpace.Cmyk, JpegDecoder.Identify(data).ColorSpace);
        Assert.Equal(4, image.Channels);

        // Adobe stores 255 - ink; Pillow reports ink.
        Assert.Equal(ink.Select(v => (byte)(255 - v)).ToArray(), image.Pixels);
    }

    [Fact]
    public void Default_ConvertsToRgb()
    {
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes("color-cmyk.jpg")));
        var reference = JpegFixtures.ReadPnm("color-cmyk.ppm");

        Assert.Equal(3, image.Channels);
        var worst = reference.Samples.Select((v, i) => Math.Abs(v - image.Pixels[i])).Max();
        Assert.True(worst <= 1, $"largest difference {worst}");
    }
}
