using SpineKit.Imaging.Formats.Dicom;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests;

public sealed class ImageReaderTests
{
    [Theory]
    [InlineData("Png/rgb16.png", ImageContainerFormat.Png)]
    [InlineData("Reader/grey.jpg", ImageContainerFormat.Jpeg)]
    [InlineData("Dicom/mono2-u12.dcm", ImageContainerFormat.Dicom)]
    [InlineData("Dicom/mono2-u12-bare-implicit.dcm", ImageContainerFormat.Dicom)]
    [InlineData("Dicom/mono2-u12-bare-explicit.dcm", ImageContainerFormat.Dicom)]
    public void FormatIsSniffedFromContent(string fixture, ImageContainerFormat expected)
    {
        Assert.Equal(expected, ImageReader.DetectFormat(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture))));
    }

    [Theory]
    [InlineData("Png/rgb16.png")]
    [InlineData("Png/palette8-trns.png")]
    [InlineData("Png/grey8-phys.png")]
    [InlineData("Png/grey2.png")]
    [InlineData("Reader/rgb.jpg")]
    [InlineData("Dicom/mono2-u12-deflated.dcm")]
    [InlineData("Dicom/rgb-planar-rle.dcm")]
    [InlineData("Dicom/mono2-u8-frames-jpeg-baseline.dcm")]
    public void IdentifyAgreesWithAFullRead(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);

        Assert.Equal(ImageReader.Read(path).Metadata, ImageReader.Identify(path));
    }

    [Fact]
    public void IdentifyDescribesUnsupportedPixelCompression()
    {
        var metadata = ImageReader.Identify(Fixtures.PathOf("Dicom", "mono2-u12-jpegls.dcm"));

        Assert.Equal(("1.2.840.10008.1.2.4.80", 24, 20), (metadata.TransferSyntaxUid, metadata.Width, metadata.Height));
    }

    [Fact]
    public void FileNameExtensionIsIgnored()
    {
        var misnamed = Path.Combine(Path.GetTempPath(), $"spinekit-{Guid.NewGuid():N}.dcm");
        File.Copy(Fixtures.PathOf("Png", "grey8.png"), misnamed);
        try
        {
            var image = ImageReader.Read(misnamed);

            Assert.Equal(ImageContainerFormat.Png, image.Metadata.Format);
        }
        finally
        {
            File.Delete(misnamed);
        }
    }

    [Fact]
    public void UnknownContentIsRejectedClearly()
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageReader.Read("BM this is a bitmap, honestly"u8));

        Assert.Contains("unrecognised content", error.Message);
    }

    [Fact]
    public void OversizedFileIsRefusedWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spinekit-{Guid.NewGuid():N}.bin");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ImageReadOptions.Default.MaxFileBytes + 1); // sparse: no disk space used
        }

        try
        {
            var error = Assert.Throws<ImageFormatException>(() => ImageReader.Read(path));

            Assert.Contains("over the", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DirectoryIsRejectedAsNotAFile()
    {
        var error = Assert.Throws<IOException>(() => ImageReader.Read(AppContext.BaseDirectory));

        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void MissingFileRaisesFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => ImageReader.Read(Path.Combine(Path.GetTempPath(), "no-such-spinekit-file.png")));
    }

    [Fact]
    public void DicomMetadataAndRenderingsAreExposed()
    {
        var image = ImageReader.Read(Fixtures.PathOf("Dicom", "mono2-u12-rle.dcm"));
        var metadata = image.Metadata;

        Assert.Equal(ImageContainerFormat.Dicom, metadata.Format);
        Assert.Equal((24, 20, 1, 12), (metadata.Width, metadata.Height, metadata.Channels, metadata.BitDepth));
        Assert.Equal(("1.2.840.10008.1.2.5", "RLE Lossless"), (metadata.TransferSyntaxUid, metadata.TransferSyntaxName));
        Assert.Equal(PixelSpacingSource.PixelSpacing, metadata.PixelSpacingSource);
        Assert.Equal(("DX", "AP", "SPINE", "L"), (metadata.Modality, metadata.ViewPosition, metadata.BodyPartExamined, metadata.ImageLaterality));
        var reference = Assert.IsType<Image<ushort>>(PngDecoder.Decode(File.ReadAllBytes(Fixtures.PathOf("Dicom", "mono2-u12.ref16.png"))));
        Assert.Equal(reference.Pixels, image.RenderModality16().Pixels);
        Assert.NotNull(image.Dicom);
    }

    [Fact]
    public void GrayscaleFollowsTheModalityRangeAndInvertsMonochrome1()
    {
        var image = ImageReader.Read(Fixtures.PathOf("Dicom", "mono1-s16.dcm"));
        var dicom = image.Dicom!;

        var grey = image.ToGrayscale();

        // MONOCHROME1: the lowest modality value is the brightest.
        var range = dicom.ModalityMaximum - dicom.ModalityMinimum;
        for (var i = 0; i < 20; i++)
        {
            var (x, y) = (i % grey.Width, i / grey.Width);
            var expected = 1 - ((dicom.ModalityValue(x, y) - dicom.ModalityMinimum) / range);
            Assert.Equal(expected, grey[x, y], 5);
        }
    }

    [Fact]
    public void ExplicitWindowOverridesTheFileWindow()
    {
        var image = ImageReader.Read(Fixtures.PathOf("Dicom", "mono2-u12.dcm"));
        var dicom = image.Dicom!;
        var window = new VoiWindow(500, 200);

        var display = image.RenderDisplay(window);

        for (var i = 0; i < display.PixelCount; i++)
        {
            var (x, y) = (i % display.Width, i / display.Width);
            var value = dicom.ModalityValue(x, y);
            var expected = value <= 500 - 0.5 - 99.5 ? 0 : value > 500 - 0.5 + 99.5 ? 255 : Math.Floor((((value - 499.5) / 199) + 0.5) * 255);
            Assert.Equal(expected, display.Pixels[i]);
        }
    }

    [Fact]
    public void ColourJpegGivesLumaForAnalysisAndRgbForDisplay()
    {
        var image = ImageReader.Read(Fixtures.PathOf("Reader", "rgb.jpg"));
        var rgb = Assert.IsType<Image<byte>>(image.Pixels);

        var grey = image.ToGrayscale();
        var display = image.RenderDisplay();

        Assert.Equal(("RGB", 3), (image.Metadata.PhotometricInterpretation, display.Channels));
        Assert.Equal(rgb.Pixels, display.Pixels);
        Assert.Equal(((0.299 * rgb[2, 3, 0]) + (0.587 * rgb[2, 3, 1]) + (0.114 * rgb[2, 3, 2])) / 255, grey[2, 3], 5);
    }

    [Fact]
    public void PngPhysicalDimensionsBecomePixelSpacing()
    {
        var metadata = ImageReader.Read(Fixtures.PathOf("Png", "grey8-phys.png")).Metadata;

        Assert.Equal(new PixelSpacing(0.2, 0.1), metadata.PixelSpacing);
        Assert.Equal(PixelSpacingSource.PngPhysicalDimensions, metadata.PixelSpacingSource);
    }

    [Fact]
    public void SixteenBitPngIsStretchedForDisplayAndKeptFor16BitOutput()
    {
        var image = ImageReader.Read(Fixtures.PathOf("Png", "grey16.png"));
        var pixels = Assert.IsType<Image<ushort>>(image.Pixels);

        var display = image.RenderDisplay();

        Assert.Equal(pixels.Pixels, image.RenderModality16().Pixels);
        Assert.Equal(0, display.Pixels.Min());
        Assert.Equal(255, display.Pixels.Max());
    }
}
