using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Imaging.Tests.Fuzzing;

public sealed class DicomFuzzTests
{
    private static readonly string[] SeedNames =
    [
        "mono2-u12", "mono2-u12-implicit", "mono2-u12-bigendian", "mono2-u12-deflated", "mono2-u12-rle", "mono2-u12-bare-implicit",
        "mono1-s16", "mono1-s10", "mono2-lut", "mono2-u8-frames-rle", "rgb-planar", "ybr-full", "ybr-422", "mono2-u12-jpeg-lossless",
        "mono2-u8-frames-jpeg-baseline",
    ];

    [Fact]
    public void CorruptedDicomFilesDecodeOrFailCleanly()
    {
        var seeds = SeedNames.Select(n => File.ReadAllBytes(Fixtures.PathOf("Dicom", n + ".dcm"))).ToArray();

        var (decoded, rejected) = FuzzRunner.Run(seeds, 4000, 5678, LengthFields, bytes => bytes, bytes =>
        {
            var image = DicomDecoder.Decode(bytes, 0);
            image.RenderModality16();
            image.RenderDisplay();
            image.ToGrayscale();
        });

        Assert.Equal(4000, decoded + rejected);
        Assert.True(decoded > 100 && rejected > 100, $"decoded {decoded}, rejected {rejected}: the mutations should produce both");
    }

    [Fact]
    public void CorruptedInputsThroughTheReaderFailCleanly()
    {
        var seeds = new[] { Fixtures.PathOf("Dicom", "mono2-u12.dcm"), Fixtures.PathOf("Png", "rgb8.png"), Fixtures.PathOf("Reader", "grey.jpg") }
            .Select(File.ReadAllBytes).ToArray();

        var (decoded, rejected) = FuzzRunner.Run(seeds, 1000, 91, LengthFields, bytes => bytes, bytes =>
        {
            try
            {
                ImageReader.Identify(bytes);
            }
            catch (ImageFormatException exception)
            {
                Assert.NotNull(exception.Offset);
            }

            ImageReader.Read(bytes).RenderDisplay();
        });

        Assert.Equal(1000, decoded + rejected);
    }

    /// <summary>
    /// Where element lengths sit: after two capital letters (explicit VR; 2-byte, or 4-byte past two reserved bytes)
    /// and after tags of the image groups (implicit VR, 4 bytes).
    /// </summary>
    private static List<(int, int, bool)> LengthFields(byte[] file)
    {
        var fields = new List<(int, int, bool)>();
        for (var at = 4; at + 8 <= file.Length; at++)
        {
            if (file[at] is >= (byte)'A' and <= (byte)'Z' && file[at + 1] is >= (byte)'A' and <= (byte)'Z')
            {
                var big = file[at - 4] == 0 && file[at - 3] != 0;
                fields.Add((at + 2, 2, big));
                fields.Add((at + 4, 4, big));
            }

            if (file[at - 3] == 0 && file[at - 4] is 0x08 or 0x18 or 0x28 or 0xE0 or 0xFE)
            {
                fields.Add((at, 4, false));
            }
        }

        return fields;
    }
}
