using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Cli.Tests.Commands;

public sealed class ImageCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"spinekit-cli-{Guid.NewGuid():N}");
    private readonly string dicom = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mono1-s16.dcm");

    public ImageCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void InfoDescribesADicomFileWithoutPatientData()
    {
        var (exitCode, output, _) = Run("info", dicom);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("DICOM", output);
        Assert.Contains("Explicit VR Little Endian (1.2.840.10008.1.2.1)", output);
        Assert.Contains("0.15 x 0.15 mm (ImagerPixelSpacing)", output);
        Assert.Contains("MONOCHROME1", output);
        Assert.Contains("18 x 16", output);
        Assert.DoesNotContain("NOTAPATIENT", output);
        Assert.DoesNotContain("FAKE-ID", output);
    }

    [Fact]
    public void InfoJsonIsOneDocumentWithTheSameFacts()
    {
        var (exitCode, output, error) = Run("info", dicom, "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("spinekit.image-info/1", root.GetProperty("schema").GetString());
        JsonKeyStyle.AssertCamelCase(root);
        Assert.Equal("DICOM", root.GetProperty("format").GetString());
        Assert.Equal((18, 16), (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.Equal("1.2.840.10008.1.2.1", root.GetProperty("transferSyntax").GetProperty("uid").GetString());
        Assert.Equal(0.15, root.GetProperty("pixelSpacingMm").GetProperty("row").GetDouble());
        Assert.Equal("ImagerPixelSpacing", root.GetProperty("pixelSpacingMm").GetProperty("source").GetString());
        Assert.Equal("MONOCHROME1", root.GetProperty("photometric").GetString());
        Assert.DoesNotContain("NOTAPATIENT", output, StringComparison.Ordinal);

        // A PNG has no DICOM facts: the same keys, null.
        var (_, png, _) = Run("info", WritePng("plain.png"), "--json");
        using var plain = System.Text.Json.JsonDocument.Parse(png);
        Assert.Equal(root.EnumerateObject().Select(p => p.Name), plain.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.RootElement.GetProperty("modality").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.RootElement.GetProperty("transferSyntax").ValueKind);
    }

    [Fact]
    public void InfoDescribesAFileWhosePixelsCannotBeDecoded()
    {
        var jpegLs = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mono2-u12-jpegls.dcm");

        var (exitCode, output, _) = Run("info", jpegLs);
        var (convertExit, _, error) = Run("convert", jpegLs, "--out", folder);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("JPEG-LS Lossless (1.2.840.10008.1.2.4.80)", output);
        Assert.Equal(ExitCodes.ProcessingError, convertExit);
        Assert.Contains("unsupported transfer syntax JPEG-LS Lossless", error);
    }

    [Fact]
    public void InfoOnACorruptFileExitsWithOneAndOneLine()
    {
        var bad = WriteFile("broken.png", File.ReadAllBytes(WritePng("good.png"))[..30]);

        var (exitCode, output, error) = Run("info", bad);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("spinekit: broken.png: PNG: ", error);

        // Machine-readable or not, a file that cannot be read leaves the output stream empty.
        var (jsonExit, jsonOutput, _) = Run("info", bad, "--json");
        Assert.Equal((ExitCodes.ProcessingError, string.Empty), (jsonExit, jsonOutput));
    }

    [Fact]
    public void ConvertContinuesPastABadFileAndReportsTheFailure()
    {
        var good = WritePng("good.png");
        var bad = WriteFile("bad.dcm", new byte[200]);
        var outDir = Path.Combine(folder, "out");

        var (exitCode, _, error) = Run("convert", bad, good, dicom, "--out", outDir);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("bad.dcm: image: unrecognised content", error);
        Assert.Contains("1 of 3 files could not be converted", error);
        var converted = ImageReader.Read(Path.Combine(outDir, "mono1-s16.png"));
        Assert.Equal(ImageReader.Read(dicom).RenderDisplay().Pixels, Assert.IsType<Image<byte>>(converted.Pixels).Pixels);
        Assert.True(File.Exists(Path.Combine(outDir, "good.png")));
    }

    [Fact]
    public void ConvertWalksAFolderLikeAnalyzeSkippingWhatIsNotAnImageAndItsOwnOutput()
    {
        var input = Directory.CreateDirectory(Path.Combine(folder, "films")).FullName;
        WritePng(Path.Combine("films", "a.png"));
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.Copy(dicom, Path.Combine(input, "sub", "b.dcm"));
        File.WriteAllText(Path.Combine(input, "README.txt"), "not an image");
        var outDir = Path.Combine(input, "png");
        Directory.CreateDirectory(outDir);
        WritePng(Path.Combine("films", "png", "old.png"));

        var (exitCode, output, error) = Run("convert", input, "--out", outDir);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.True(File.Exists(Path.Combine(outDir, "a.png")));
        Assert.True(File.Exists(Path.Combine(outDir, "b.png")));
        Assert.Contains(Path.Combine("sub", "b.dcm"), output, StringComparison.Ordinal);
        Assert.DoesNotContain("README", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("old.png", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw16WritesTheModalityRendering()
    {
        var (exitCode, _, _) = Run("convert", dicom, "--out", folder, "--raw16");

        Assert.Equal(ExitCodes.Success, exitCode);
        var written = Assert.IsType<Image<ushort>>(PngDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "mono1-s16.png"))));
        Assert.Equal(ImageReader.Read(dicom).RenderModality16().Pixels, written.Pixels);
        var spacing = PngDecoder.ReadPixelSpacing(File.ReadAllBytes(Path.Combine(folder, "mono1-s16.png")))!.Value;
        Assert.Equal(0.15, spacing.RowSpacing, 4);
        Assert.Equal(0.15, spacing.ColumnSpacing, 4);
    }

    [Fact]
    public void ExplicitWindowIsApplied()
    {
        var window = new VoiWindow(100, 5000);

        var (exitCode, _, _) = Run("convert", dicom, "--out", folder, "--window", "100,5000");

        Assert.Equal(ExitCodes.Success, exitCode);
        var written = Assert.IsType<Image<byte>>(PngDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "mono1-s16.png"))));
        Assert.Equal(ImageReader.Read(dicom).RenderDisplay(window).Pixels, written.Pixels);
    }

    [Fact]
    public void FrameSelectsAFrameOfAMultiFrameFile()
    {
        var frames = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mono2-u8-frames.dcm");

        var (exitCode, _, _) = Run("convert", frames, "--out", folder, "--raw16", "--frame", "3");
        var (outOfRange, _, error) = Run("convert", frames, "--out", folder, "--frame", "4", "--overwrite");
        var (usage, _, _) = Run("convert", frames, "--out", folder, "--frame", "0");

        Assert.Equal(ExitCodes.Success, exitCode);
        var written = Assert.IsType<Image<ushort>>(PngDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "mono2-u8-frames.png"))));
        Assert.Equal(ImageReader.Read(frames, 2).RenderModality16().Pixels, written.Pixels);
        Assert.NotEqual(ImageReader.Read(frames, 0).RenderModality16().Pixels, written.Pixels);
        Assert.Equal(ExitCodes.ProcessingError, outOfRange);
        Assert.Contains("asked for frame 4 of a 3-frame file", error);
        Assert.Equal(ExitCodes.UsageError, usage);
    }

    [Fact]
    public void ConvertReplacesAnEarlierPngOnlyWithOverwrite()
    {
        var target = Path.Combine(folder, "mono1-s16.png");
        File.WriteAllText(target, "kept");

        var (exitCode, _, error) = Run("convert", dicom, "--out", folder);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains($"mono1-s16.dcm: {target} already exists (from an earlier run?); pass --overwrite to replace it", error);
        Assert.Equal("kept", File.ReadAllText(target));
        Assert.Equal(ExitCodes.Success, Run("convert", dicom, "--out", folder, "--overwrite").ExitCode);
        Assert.Equal(ImageReader.Read(dicom).RenderDisplay().Pixels, Assert.IsType<Image<byte>>(ImageReader.Read(target).Pixels).Pixels);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("a,b")]
    [InlineData("100,0")]
    public void MalformedWindowIsAUsageError(string window)
    {
        var (exitCode, _, error) = Run("convert", dicom, "--out", folder, "--window", window);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--window expects CENTER,WIDTH", error);
    }

    [Fact]
    public void ImageFormatErrorsAreUserFacing()
    {
        Assert.True(UserFacingError.TryDescribe(new ImageFormatException("PNG", "CRC mismatch", 33), out var message));
        Assert.Equal("PNG: CRC mismatch (at byte 33)", message);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string WritePng(string name)
    {
        var image = new Image<byte>(5, 4);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (byte)(i * 12);
        }

        return WriteFile(name, PngEncoder.Encode(image));
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
