using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

public sealed class JpegIdentifyTests
{
    [Theory]
    [InlineData("gray-baseline.jpg", 1, JpegProcess.Baseline, JpegColorSpace.Grayscale, "4:0:0")]
    [InlineData("gray-progressive.jpg", 1, JpegProcess.Progressive, JpegColorSpace.Grayscale, "4:0:0")]
    [InlineData("color-420.jpg", 3, JpegProcess.Baseline, JpegColorSpace.YCbCr, "4:2:0")]
    [InlineData("color-422.jpg", 3, JpegProcess.Baseline, JpegColorSpace.YCbCr, "4:2:2")]
    [InlineData("color-440.jpg", 3, JpegProcess.Baseline, JpegColorSpace.YCbCr, "4:4:0")]
    [InlineData("color-411.jpg", 3, JpegProcess.Baseline, JpegColorSpace.YCbCr, "4:1:1")]
    [InlineData("color-444.jpg", 3, JpegProcess.Baseline, JpegColorSpace.YCbCr, "4:4:4")]
    [InlineData("color-rgb.jpg", 3, JpegProcess.Baseline, JpegColorSpace.Rgb, "4:4:4")]
    [InlineData("color-420-progressive.jpg", 3, JpegProcess.Progressive, JpegColorSpace.YCbCr, "4:2:0")]
    public void Identify_ReadsTheHeaders(string name, int components, JpegProcess process, JpegColorSpace colorSpace, string subsampling)
    {
        var info = JpegDecoder.Identify(JpegFixtures.Bytes(name));

        Assert.Equal((45, 37), (info.Width, info.Height));
        Assert.Equal(components, info.ComponentCount);
        Assert.Equal(8, info.Precision);
        Assert.Equal(process, info.Process);
        Assert.Equal(colorSpace, info.ColorSpace);
        Assert.Equal(subsampling, info.Subsampling);
        Assert.Equal(1, info.Orientation);
    }

    [Fact]
    public void Identify_ReportsTheRestartInterval()
    {
        Assert.Equal(3, JpegDecoder.Identify(JpegFixtures.Bytes("gray-restart.jpg")).RestartInterval);
        Assert.Equal(0, JpegDecoder.Identify(JpegFixtures.Bytes("gray-baseline.jpg")).RestartInterval);
    }

    [Fact]
    public void Identify_DoesNotNeedTheEntropyData()
    {
        var data = JpegFixtures.Bytes("color-420.jpg");
        var sos = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);

        var info = JpegDecoder.Identify(data.AsSpan(0, sos + 14));

        Assert.Equal((45, 37), (info.Width, info.Height));
    }
}
