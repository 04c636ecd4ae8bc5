using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests.Formats.Png;

public sealed class PngRoundTripTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(17, 9, 1)]
    [InlineData(17, 9, 2)]
    [InlineData(17, 9, 3)]
    [InlineData(17, 9, 4)]
    [InlineData(64, 40, 3)]
    public void EightBitImagesRoundTripExactly(int width, int height, int channels)
    {
        var random = new Random(width * 100 + channels);
        var image = new Image<byte>(width, height, channels);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            // Half smooth, half noise, so every filter has something to win on.
            image.Pixels[i] = i % 2 == 0 ? (byte)(i / channels % 251) : (byte)random.Next(256);
        }

        var decoded = Assert.IsType<Image<byte>>(PngDecoder.Decode(PngEncoder.Encode(image)));

        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(13, 7, 1)]
    [InlineData(13, 7, 2)]
    [InlineData(13, 7, 3)]
    [InlineData(13, 7, 4)]
    public void SixteenBitImagesRoundTripExactly(int width, int height, int channels)
    {
        var random = new Random(width * 1000 + channels);
        var image = new Image<ushort>(width, height, channels);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (ushort)random.Next(65536);
        }

        var decoded = Assert.IsType<Image<ushort>>(PngDecoder.Decode(PngEncoder.Encode(image)));

        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void PhysicalSpacingWrittenByPillowIsRead()
    {
        var spacing = PngDecoder.ReadPixelSpacing(File.ReadAllBytes(Fixtures.PathOf("Png", "grey8-phys.png")));

        // 254 dpi across (10000 px/m) and 127 dpi down (5000 px/m).
        Assert.Equal(new PixelSpacing(0.2, 0.1), spacing);
    }

    [Fact]
    public void PhysicalSpacingRoundTripsToWholePixelsPerMetre()
    {
        var image = new Image<ushort>(3, 2);

        var png = PngEncoder.Encode(image, spacing: new PixelSpacing(0.139, 0.143));
        var spacing = PngDecoder.ReadPixelSpacing(png)!.Value;

        Assert.Equal(1000.0 / 7194, spacing.RowSpacing, 12);
        Assert.Equal(1000.0 / 6993, spacing.ColumnSpacing, 12);
        Assert.Null(PngDecoder.ReadPixelSpacing(PngEncoder.Encode(image)));
    }
}
