using SpineKit.Imaging.Formats.Dicom;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>
/// Synthetic files written in every transfer syntax by dcmtk (Fixtures/Dicom/generate.py), checked against
/// dcmtk's own renderings of them.
/// </summary>
public sealed class DicomFixtureTests
{
    [Theory]
    [InlineData("mono2-u12", "mono2-u12", 0)]
    [InlineData("mono2-u12-implicit", "mono2-u12", 0)]
    [InlineData("mono2-u12-bigendian", "mono2-u12", 0)]
    [InlineData("mono2-u12-deflated", "mono2-u12", 0)]
    [InlineData("mono2-u12-rle", "mono2-u12", 0)]
    [InlineData("mono2-u12-bare-implicit", "mono2-u12", 0)]
    [InlineData("mono2-u12-bare-explicit", "mono2-u12", 0)]
    [InlineData("mono1-s16", "mono1-s16", 0)]
    [InlineData("mono1-s16-rle", "mono1-s16", 0)]
    [InlineData("mono1-s10", "mono1-s10", 0)]
    [InlineData("mono2-lut", "mono2-lut", 0)]
    [InlineData("mono2-u8-frames", "mono2-u8-frames.f1", 0)]
    [InlineData("mono2-u8-frames", "mono2-u8-frames.f2", 1)]
    [InlineData("mono2-u8-frames", "mono2-u8-frames.f3", 2)]
    [InlineData("mono2-u8-frames-rle", "mono2-u8-frames.f1", 0)]
    [InlineData("mono2-u8-frames-rle", "mono2-u8-frames.f3", 2)]
    [InlineData("mono2-u12-jpeg-lossless", "mono2-u12", 0)]
    [InlineData("mono2-u12-jpeg-lossless-fragments", "mono2-u12", 0)]
    [InlineData("mono2-u12-rle-fragments", "mono2-u12", 0)]
    [InlineData("mono2-lut-implicit", "mono2-lut", 0)]
    [InlineData("mono2-lut-bigendian", "mono2-lut", 0)]
    public void Modality16MatchesDcmtkExactly(string file, string reference, int frame)
    {
        var image = DicomDecoder.Decode(Read(file + ".dcm"), frame);
        var expected = Assert.IsType<Image<ushort>>(PngDecoder.Decode(Read(reference + ".ref16.png")));

        var rendered = image.RenderModality16();

        Assert.Equal((expected.Width, expected.Height), (rendered.Width, rendered.Height));
        Assert.Equal(expected.Pixels, rendered.Pixels);
    }

    [Theory]
    [InlineData("mono2-u12-jpeg-extended", "mono2-u12-jpeg-extended", 0)]
    [InlineData("mono2-u8-frames-jpeg-baseline", "mono2-u8-frames-jpeg-baseline.f1", 0)]
    [InlineData("mono2-u8-frames-jpeg-baseline", "mono2-u8-frames-jpeg-baseline.f3", 2)]
    [InlineData("mono2-u8-frames-jpeg-nobot", "mono2-u8-frames-jpeg-baseline.f1", 0)]
    [InlineData("mono2-u8-frames-jpeg-nobot", "mono2-u8-frames-jpeg-baseline.f3", 2)]
    public void LossyJpegFramesMatchDcmtkWithinOneStoredLevel(string file, string reference, int frame)
    {
        var image = DicomDecoder.Decode(Read(file + ".dcm"), frame);
        var expected = Assert.IsType<Image<ushort>>(PngDecoder.Decode(Read(reference + ".ref16.png")));

        var rendered = image.RenderModality16();

        // One stored level is 65536 / 2^BitsStored output levels (times the rescale slope).
        var level = 65536.0 / (1 << image.Metadata.BitsStored) * image.Metadata.RescaleSlope;
        var worst = Enumerable.Range(0, expected.Pixels.Length).Max(i => Math.Abs(rendered.Pixels[i] - expected.Pixels[i]));
        Assert.True(worst <= level + 1, $"largest difference {worst}, one stored level is {level}");
    }

    [Fact]
    public void JpegLsIsReportedAsUnsupported()
    {
        var error = Assert.Throws<ImageFormatException>(() => DicomDecoder.Decode(Read("mono2-u12-jpegls.dcm")));

        Assert.Contains("unsupported transfer syntax JPEG-LS Lossless (1.2.840.10008.1.2.4.80)", error.Message);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless")]
    [InlineData("1.2.840.10008.1.2.4.91", "JPEG 2000")]
    [InlineData("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless")]
    public void OtherCompressionsAreReportedByName(string uid, string name)
    {
        // Same-length UID swapped into the meta header: the pixel data is never looked at.
        var bytes = Read("mono2-u12-jpeg-lossless.dcm");
        var at = bytes.AsSpan().IndexOf("1.2.840.10008.1.2.4.70"u8);
        System.Text.Encoding.ASCII.GetBytes(uid.PadRight(22, '\0')).CopyTo(bytes, at);

        var error = Assert.Throws<ImageFormatException>(() => DicomDecoder.Decode(bytes));

        Assert.Contains($"unsupported transfer syntax {name} ({uid})", error.Message);
    }

    [Theory]
    [InlineData(-100.0, 0.0)]
    [InlineData(-50.0, 0.0)]
    [InlineData(0.0, 0.5)]
    [InlineData(25.0, 0.75)]
    [InlineData(50.0, 1.0)]
    [InlineData(50.5, 1.0)]
    public void LinearExactWindowIsTheStraightRamp(double x, double expected)
    {
        Assert.Equal(expected, DicomVoiTransform.Window(x, new VoiWindow(0, 100), DicomVoiFunction.LinearExact), 12);
    }

    [Theory]
    [InlineData(1799.0, 0.499749874937)]
    [InlineData(799.5, 0.0)]
    [InlineData(801.0, 0.000500250125)]
    [InlineData(2799.5, 1.0)]
    public void LinearWindowHasDicomsHalfSampleOffsets(double x, double expected)
    {
        // PS3.3 C.11.2.1.2.1 with c = 1800, w = 2000: ((x - 1799.5) / 1999 + 0.5).
        Assert.Equal(expected, DicomVoiTransform.Window(x, new VoiWindow(1800, 2000), DicomVoiFunction.Linear), 9);
    }

    [Theory]
    [InlineData("mono2-u12", "Explicit VR Little Endian")]
    [InlineData("mono2-u12-implicit", "Implicit VR Little Endian")]
    [InlineData("mono2-u12-bigendian", "Explicit VR Big Endian")]
    [InlineData("mono2-u12-deflated", "Deflated Explicit VR Little Endian")]
    [InlineData("mono2-u12-rle", "RLE Lossless")]
    [InlineData("mono2-u12-bare-implicit", "Implicit VR Little Endian")]
    public void MetadataIsReadInEverySyntax(string file, string syntax)
    {
        var metadata = DicomDecoder.ReadMetadata(Read(file + ".dcm"));

        Assert.Equal(syntax, metadata.TransferSyntax.Name);
        Assert.Equal((20, 24, 1), (metadata.Rows, metadata.Columns, metadata.SamplesPerPixel));
        Assert.Equal((16, 12, 11, false), (metadata.BitsAllocated, metadata.BitsStored, metadata.HighBit, metadata.IsSigned));
        Assert.Equal(new PixelSpacing(0.139, 0.143), metadata.PixelSpacing);
        Assert.Equal(PixelSpacingSource.PixelSpacing, metadata.PixelSpacingSource);
        Assert.Equal(("DX", "AP", "SPINE", "L"), (metadata.Modality, metadata.ViewPosition, metadata.BodyPartExamined, metadata.ImageLaterality));
        Assert.Equal("MONOCHROME2", metadata.PhotometricInterpretation);
        Assert.Equal([new VoiWindow(1800, 2000), new VoiWindow(900, 600)], metadata.Windows);
        Assert.Equal((0.5, -100.0), (metadata.RescaleSlope, metadata.RescaleIntercept));
    }

    [Fact]
    public void MalformedDisplayAttributesAreIgnoredNotFatal()
    {
        var bytes = Read("mono2-u12.dcm");
        Replace(bytes, "0.139\\0.143"u8, "0.1x9\\0.143"u8);
        Replace(bytes, "1800\\900"u8, "18a0\\900"u8);

        var image = DicomDecoder.Decode(bytes);

        // Pixel Spacing is unreadable, so Imager Pixel Spacing (0.2 mm) is used; no window survives.
        Assert.Equal((new PixelSpacing(0.2, 0.2), PixelSpacingSource.ImagerPixelSpacing), (image.Metadata.PixelSpacing!.Value, image.Metadata.PixelSpacingSource));
        Assert.Empty(image.Metadata.Windows);
    }

    [Fact]
    public void ImagerPixelSpacingIsUsedWhenPixelSpacingIsAbsent()
    {
        var metadata = DicomDecoder.ReadMetadata(Read("mono1-s16.dcm"));

        Assert.Equal(new PixelSpacing(0.15, 0.15), metadata.PixelSpacing);
        Assert.Equal(PixelSpacingSource.ImagerPixelSpacing, metadata.PixelSpacingSource);
        Assert.Equal(DicomVoiFunction.Sigmoid, metadata.VoiFunction);
    }

    [Fact]
    public void PatientAttributesAreNeverKept()
    {
        var image = DicomDecoder.Decode(Read("mono2-u12.dcm"));

        var described = image.Metadata.ToString();

        Assert.DoesNotContain("NOTAPATIENT", described);
        Assert.DoesNotContain("FAKE-ID", described);
        Assert.DoesNotContain("19000101", described);
    }

    [Theory]
    [InlineData("rgb-planar")]
    [InlineData("rgb-planar-rle")]
    public void ColourPlanesAreInterleavedExactly(string file)
    {
        var expected = File.ReadAllText(Fixtures.PathOf("Dicom", "rgb-planar.rgb.txt"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(byte.Parse).ToArray();

        var image = DicomDecoder.Decode(Read(file + ".dcm"));

        var pixels = Assert.IsType<Image<byte>>(image.Pixels);
        Assert.Equal(3, pixels.Channels);
        Assert.Equal(expected, pixels.Pixels);
    }

    [Theory]
    [InlineData("ybr-full")]
    [InlineData("ybr-422")]
    public void YbrIsConvertedExactlyLikeDcmtk(string name)
    {
        var expected = Assert.IsType<Image<byte>>(PngDecoder.Decode(Read(name + ".ref8.png"))).Pixels;

        var rendered = DicomDecoder.Decode(Read(name + ".dcm")).RenderDisplay();

        Assert.Equal(expected.Length, rendered.Pixels.Length);
        Assert.Equal(expected, rendered.Pixels);
    }

    [Theory]
    [InlineData("mono2-u12", "mono2-u12.window")]
    [InlineData("mono1-s16", "mono1-s16.window")]
    [InlineData("mono2-lut", "mono2-lut.voilut")]
    public void DisplayRenderingFollowsTheFileVoiWithinOneLevel(string file, string reference)
    {
        var expected = Assert.IsType<Image<byte>>(PngDecoder.Decode(Read(reference + ".ref8.png")));

        var rendered = DicomDecoder.Decode(Read(file + ".dcm")).RenderDisplay();

        Assert.All(Enumerable.Range(0, expected.Pixels.Length), i => Assert.InRange(rendered.Pixels[i] - expected.Pixels[i], -1, 1));
    }

    [Fact]
    public void FrameOutOfRangeIsReported()
    {
        var error = Assert.Throws<ImageFormatException>(() => DicomDecoder.Decode(Read("mono2-u8-frames.dcm"), 3));

        Assert.Contains("asked for frame 4 of a 3-frame file", error.Message);
    }

    private static void Replace(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        to.CopyTo(bytes.AsSpan(at));
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Fixtures.PathOf("Dicom", name));
}
