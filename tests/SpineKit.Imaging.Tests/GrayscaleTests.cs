using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests;

public class GrayscaleTests
{
    [Fact]
    public void EightBitGreyIsEverySampleOver255()
    {
        var pixels = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        var grey = ImageReader.Read(PngEncoder.Encode(new Image<byte>(16, 16, 1, pixels, 8))).ToGrayscale();

        for (var v = 0; v < 256; v++)
        {
            Assert.Equal((float)(v / 255.0), grey.Pixels[v]);
        }
    }

    [Fact]
    public void AFullSpineSizedFilmIsConvertedWholeAcrossTheCores()
    {
        // Past the size where the conversion splits over the cores (an odd length, so the chunks are unequal):
        // every sample, first, last and at each chunk boundary, is still its value over 255.
        var pixels = new byte[4099 * 2053];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 31) ^ (i >> 11));
        }

        var grey = PlainImageRenderer.Grayscale(new Image<byte>(4099, 2053, 1, pixels, 8));

        for (var i = 0; i < pixels.Length; i++)
        {
            if (grey.Pixels[i] != (float)(pixels[i] / 255.0))
            {
                Assert.Fail($"sample {i}: {grey.Pixels[i]} for {pixels[i]}");
            }
        }
    }

    [Fact]
    public void SixteenBitGreyIsEverySampleOver65535()
    {
        ushort[] values = [0, 1, 255, 256, 4095, 32768, 65534, 65535];
        var grey = ImageReader.Read(PngEncoder.Encode(new Image<ushort>(4, 2, 1, values, 16))).ToGrayscale();

        Assert.Equal(values.Select(v => (float)(v / 65535.0)), grey.Pixels);
    }

    [Fact]
    public void GreyWithAlphaIgnoresTheAlpha()
    {
        // Two channels (grey, alpha): only the grey sample counts.
        var grey = ImageReader.Read(PngEncoder.Encode(new Image<byte>(2, 1, 2, [10, 255, 200, 0], 8))).ToGrayscale();

        Assert.Equal([(float)(10 / 255.0), (float)(200 / 255.0)], grey.Pixels);
    }
}
