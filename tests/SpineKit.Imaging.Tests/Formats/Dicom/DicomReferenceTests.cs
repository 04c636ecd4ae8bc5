using SpineKit.Imaging.Formats.Dicom;
using SpineKit.Imaging.Formats.Png;
using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>Compares the 16-bit rendering with dcmtk 3.6.7's <c>dcmj2pnm +on2 -W</c> output for the shared samples.</summary>
[Trait("Category", SharedData.Category)]
public sealed class DicomReferenceTests
{
    public static TheoryData<string> GreyscaleSamples() => new(
        "fodicom-CR-MONO1-10-chest",
        "fodicom-CR-ModalitySequenceLUT.dcm",
        "fodicom-CT-MONO2-16-ankle",
        "fodicom-GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm",
        "nhsx-dx-chest.dcm",
        "pydicom-cspine-CR1-6154.dcm",
        "pydicom-cspine-CR2-6247.dcm",
        "pydicom-cspine-CR3-6278.dcm");

    [Theory]
    [MemberData(nameof(GreyscaleSamples))]
    public void Modality16MatchesDcmtkExactly(string name)
    {
        var image = DicomDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/{name}")));
        var reference = Assert.IsType<Image<ushort>>(PngDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/reference/{name}.ref16.png"))));

        var rendered = image.RenderModality16();

        Assert.Equal((reference.Width, reference.Height, reference.Channels), (rendered.Width, rendered.Height, rendered.Channels));
        var mismatches = Enumerable.Range(0, rendered.Pixels.Length).Count(i => rendered.Pixels[i] != reference.Pixels[i]);
        var first = Enumerable.Range(0, rendered.Pixels.Length).FirstOrDefault(i => rendered.Pixels[i] != reference.Pixels[i], -1);
        Assert.True(mismatches == 0, $"{mismatches} of {rendered.Pixels.Length} samples differ; first at {first}: ours {(first >= 0 ? rendered.Pixels[first] : 0)}, dcmtk {(first >= 0 ? reference.Pixels[first] : 0)}");
    }

    [Theory]
    [MemberData(nameof(GreyscaleSamples))]
    public void MinMaxDisplayMatchesDcmtkWithinOneLevel(string name)
    {
        var image = DicomDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/{name}")));
        var reference = Assert.IsType<Image<byte>>(PngDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/reference/{name}.ref8-minmax.png"))));

        var rendered = image.RenderDisplay(image.MinMaxWindow());

        var worst = Enumerable.Range(0, rendered.Pixels.Length).Max(i => Math.Abs(rendered.Pixels[i] - reference.Pixels[i]));
        Assert.True(worst <= 1, $"largest difference {worst} of 255");
    }

    [Fact]
    public void ColourJpegBaselineMatchesDcmtkWithinTwoLevels()
    {
        const string name = "fodicom-GH538-jpeg1.dcm";
        var image = DicomDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/{name}")));
        var reference = Assert.IsType<Image<ushort>>(PngDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"datasets/dicom-samples/reference/{name}.ref16.png"))));

        var display = image.RenderDisplay();
        var rendered16 = image.RenderModality16();

        Assert.Equal((reference.Width, reference.Height, 3), (display.Width, display.Height, display.Channels));
        var worst8 = Enumerable.Range(0, display.Pixels.Length).Max(i => Math.Abs(display.Pixels[i] - (reference.Pixels[i] / 257.0)));
        var worst16 = Enumerable.Range(0, rendered16.Pixels.Length).Max(i => Math.Abs(rendered16.Pixels[i] - reference.Pixels[i]));
        Assert.True(worst8 <= 2, $"largest difference {worst8} of 255");
        Assert.True(worst16 <= 2 * 257, $"largest difference {worst16} of 65535");
    }
}
