using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

public sealed class ExifOrientationTests
{
    [Fact]
    public void Read_LittleEndianTiff()
    {
        byte[] payload =
        [
            .. "Exif\0\0"u8,
            .. "II"u8, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
            0x02, 0x00,
            0x0F, 0x01, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0x26, 0x00, 0x00, 0x00, // Make (ignored)
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, // Orientation = 8
            0x00, 0x00, 0x00, 0x00,
        ];

        Assert.Equal(8, ExifOrientation.Read(payload));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Read_OutOfRangeValue_IsIgnored(int value)
    {
        byte[] payload =
        [
            .. "Exif\0\0"u8,
            .. "MM"u8, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01,
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)value, 0x00, 0x00,
        ];

        Assert.Null(ExifOrientation.Read(payload));
    }

    [Fact]
    public void Read_IfdOffsetPastTheEnd_IsIgnored()
    {
        byte[] payload = [.. "Exif\0\0"u8, .. "MM"u8, 0x00, 0x2A, 0x7F, 0xFF, 0xFF, 0xFF, 0x00, 0x01];

        Assert.Null(ExifOrientation.Read(payload));
    }

    [Fact]
    public void Apply_Orientation6_RotatesClockwise()
    {
        // 3x2 image, row-major 1 2 3 / 4 5 6; rotated 90 degrees clockwise it reads 4 1 / 5 2 / 6 3.
        var image = new Image<byte>(3, 2, 1, [1, 2, 3, 4, 5, 6]);

        var rotated = ExifOrientation.Apply(image, 6);

        Assert.Equal((2, 3), (rotated.Width, rotated.Height));
        Assert.Equal([4, 1, 5, 2, 6, 3], rotated.Pixels);
    }
}
