using System.Globalization;
using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Neural.Persistence;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>
/// <c>spinekit analyze --dicom-out</c> on a synthetic DX film (an untrained network: the numbers are arbitrary,
/// the outputs must still be right): an SR and a Secondary Capture in the source's study that dciodvfy accepts,
/// the SR's angles those of the JSON, the patient never printed, a PNG told why it gets none.
/// </summary>
public sealed class AnalyzeDicomOutputTests : IDisposable
{
    private const string StudyUid = "1.2.826.0.1.3680043.2.1125.18.1";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("spinekit-cli-dicom-out-");

    public AnalyzeDicomOutputTests()
    {
        var config = new VertebraNetConfig(64, 128, [4, 4, 8, 8, 8], 8, 4);
        var metadata = new Dictionary<string, string>(config.ToMetadata());
        foreach (var (key, value) in LandmarkModel.LevelMetadata(VertebraLevel.T1, 17))
        {
            metadata[key] = value;
        }

        ModelPath = Path.Combine(folder.FullName, "model.safetensors");
        ModuleWeights.Save(new VertebraNet(config, new Random(3)), ModelPath, metadata);
        Images = Directory.CreateDirectory(Path.Combine(folder.FullName, "images")).FullName;
        var film = Film(150, 300);
        File.WriteAllBytes(Path.Combine(Images, "film.dcm"), DicomFileWriter.Write(SourceDataset(film)));
        File.WriteAllBytes(Path.Combine(Images, "photo.png"), PngEncoder.Encode(film));
    }

    private string ModelPath { get; }

    private string Images { get; }

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void ADicomFilmGetsAReportAndAnOverlayInItsStudy()
    {
        var output = Path.Combine(folder.FullName, "out");
        var dicom = Path.Combine(folder.FullName, "dicom");

        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--dicom-out", dicom);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("2 analysed, 0 failed", stdout);
        Assert.Contains("spinekit: photo.png: not a DICOM file, so no DICOM outputs", stderr);
        foreach (var text in new[] { stdout, stderr })
        {
            Assert.DoesNotContain("Doe", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PID-42", text, StringComparison.Ordinal);
        }

        Assert.Equal(["film.overlay.dcm", "film.sr.dcm"], Directory.GetFiles(dicom).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var report = Path.Combine(dicom, "film.sr.dcm");
        var overlay = Path.Combine(dicom, "film.overlay.dcm");
        foreach (var path in new[] { report, overlay })
        {
            var (errors, _, verdict) = DicomTools.Verify(path);
            Assert.True(errors.Count == 0, verdict);
            Assert.Equal(StudyUid, DicomPatientStudy.Read(File.ReadAllBytes(path)).StudyInstanceUid);
        }

        // The overlay is the picture the PNG overlay shows, at the film's size, in colour.
        var picture = ImageReader.Read(overlay);
        Assert.Equal((150, 300, 3), (picture.Pixels.Width, picture.Pixels.Height, picture.Pixels.Channels));

        // The report's angles are the JSON's (which rounds them to 2 or 3 decimals).
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "film.json")));
        var (exit, tree, _) = DicomTools.Run("dsrdump", "+Pc", "+Pl", "+U8", report);
        Assert.Equal(0, exit);
        Assert.Contains("Patient             : Doe^Jane", tree, StringComparison.Ordinal);
        var challenge = json.RootElement.GetProperty("challengeAngles");
        string[] codes = ["SK-AASCE-PT", "SK-AASCE-MT", "SK-AASCE-TL"];
        string[] keys = ["first", "second", "third"];
        for (var i = 0; i < 3; i++)
        {
            var match = System.Text.RegularExpressions.Regex.Match(tree, $@"NUM:\({codes[i]},99SPINEKIT,""[^""]+""\)=""([^""]+)""");
            Assert.True(match.Success, tree);
            // The JSON rounds to 3 decimals; the report keeps the full double.
            Assert.InRange(Math.Abs(challenge.GetProperty(keys[i]).GetDouble() - double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)), 0, 0.0005 + 1e-9);
        }

        var curves = json.RootElement.GetProperty("clinical").GetProperty("curves").EnumerateArray().Select(c => c.GetProperty("cobbDegrees").GetDouble()).ToList();
        var reported = System.Text.RegularExpressions.Regex.Matches(tree, @"NUM:\(285285000,SCT,""Cobb angle""\)=""([^""]+)""")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(curves.Count, reported.Count);
        Assert.All(curves.Zip(reported), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 0.005 + 1e-9));
        Assert.Contains($"Model file SHA-256\")=\"{json.RootElement.GetProperty("provenance").GetProperty("models")[0].GetProperty("sha256").GetString()}\"", tree, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEarlierReportIsReplacedOnlyWithOverwrite()
    {
        var output = Path.Combine(folder.FullName, "out");
        var dicom = Directory.CreateDirectory(Path.Combine(folder.FullName, "dicom")).FullName;
        File.WriteAllText(Path.Combine(dicom, "film.sr.dcm"), "kept");
        var film = Path.Combine(Images, "film.dcm");

        var (exitCode, _, stderr) = Run("analyze", film, "--model", ModelPath, "--out", output, "--dicom-out", dicom);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains($"{Path.Combine(dicom, "film.sr.dcm")} already exists", stderr, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(dicom, "film.sr.dcm")));
        Assert.False(File.Exists(Path.Combine(dicom, "film.overlay.dcm")));
        Assert.False(File.Exists(Path.Combine(output, "film.json")), "a film refused for one existing output writes none of its others");

        Assert.Equal(ExitCodes.Success, Run("analyze", film, "--model", ModelPath, "--out", output, "--dicom-out", dicom, "--overwrite").ExitCode);
        Assert.Equal("DICM", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(dicom, "film.sr.dcm")), 128, 4));
    }

    [Fact]
    public void ADicomFilmWithoutTheUidsAReportNeedsFailsBeforeTheNetworkRuns()
    {
        var dataset = SourceDataset(Film(150, 300));
        dataset.AddText(0x0020, 0x000D, "UI");
        var path = Path.Combine(folder.FullName, "no-study.dcm");
        File.WriteAllBytes(path, DicomFileWriter.Write(dataset));

        var (exitCode, _, stderr) = Run("analyze", path, "--model", ModelPath, "--out", Path.Combine(folder.FullName, "out"), "--dicom-out", Path.Combine(folder.FullName, "dicom"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("no valid Study Instance UID (0020,000D)", stderr, StringComparison.Ordinal);
    }

    private static DicomDatasetBuilder SourceDataset(Image<byte> film) =>
        new DicomDatasetBuilder()
            .AddText(0x0008, 0x0005, "CS", "ISO_IR 192")
            .AddText(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
            .AddText(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.2.1125.18.3")
            .AddText(0x0008, 0x0060, "CS", "DX")
            .AddText(0x0010, 0x0010, "PN", "Doe^Jane")
            .AddText(0x0010, 0x0020, "LO", "PID-42")
            .AddText(0x0018, 0x0015, "CS", "SPINE")
            .AddText(0x0018, 0x5101, "CS", "AP")
            .AddText(0x0020, 0x000D, "UI", StudyUid)
            .AddText(0x0020, 0x000E, "UI", "1.2.826.0.1.3680043.2.1125.18.2")
            .AddUInt16(0x0028, 0x0002, 1)
            .AddText(0x0028, 0x0004, "CS", "MONOCHROME2")
            .AddUInt16(0x0028, 0x0010, (ushort)film.Height)
            .AddUInt16(0x0028, 0x0011, (ushort)film.Width)
            .AddUInt16(0x0028, 0x0100, 8)
            .AddUInt16(0x0028, 0x0101, 8)
            .AddUInt16(0x0028, 0x0102, 7)
            .AddUInt16(0x0028, 0x0103, 0)
            .AddBytes(0x7FE0, 0x0010, "OB", film.Pixels);

    private static Image<byte> Film(int width, int height)
    {
        var random = new Random(18);
        var image = new Image<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var spine = Math.Abs(x - (width / 2)) < 15 && (y / 15) % 2 == 0 ? 150 : 0;
                image[x, y] = (byte)(40 + spine + random.Next(30));
            }
        }

        return image;
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
