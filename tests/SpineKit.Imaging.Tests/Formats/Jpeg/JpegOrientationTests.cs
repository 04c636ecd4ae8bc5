using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>EXIF orientation 1..8, checked against Pillow's exif_transpose of the same files.</summary>
public sealed class JpegOrientationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Decode_AppliesExifOrientation(int orientation)
    {
        var name = $"gray-orientation-{orientation}";
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes(name + ".jpg")));
        var reference = JpegFixtures.ReadPnm(name + ".pgm");

        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        Assert.Equal(reference.Samples, image.Pixels);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Identify_ExposesTheRawOrientation(int orientation)
    {
        var info = JpegDecoder.Identify(JpegFixtures.Bytes($"gray-orientation-{orientation}.jpg"));

        Assert.Equal(orientation, info.Orientation);
        Assert.Equal((45, 37), (info.Width, info.Height));
        Assert.Equal(orientation >= 5 ? (37, 45) : (45, 37), (info.OrientedWidth, info.OrientedHeight));
    }

    [Fact]
    public void Decode_RawOptions_IgnoreOrientation()
    {
        var rotated = JpegDecoder.Decode(JpegFixtures.Bytes("gray-orientation-6.jpg"), JpegDecoderOptions.Raw);
        var plain = Assert.IsType<Image<byte>>(JpegDecoder.Decode(JpegFixtures.Bytes("gray-baseline.jpg")));

        Assert.Equal(plain.Pixels, Assert.IsType<Image<byte>>(rotated).Pixels);
    }
}
