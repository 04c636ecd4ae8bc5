using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpineKit.Detection.Pacs;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>
/// <c>spinekit pacs</c> against a real Orthanc seeded with a DX spine film made from the bundled sample, a DX
/// chest film (not searched) and a spine film whose pixel data is cut short: the film is analysed with the shipped
/// models and its report stored in its study, the corrupt one logged and counted, and a second pass stores nothing.
/// </summary>
public sealed class PacsCommandTests : IDisposable
{
    private const string StudyUid = "1.2.826.0.1.3680043.2.1125.18.100";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("spinekit-pacs-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task TheWorkerAnalysesEachSpineFilmOnceAndStoresItsReportInTheStudy()
    {
        using var orthanc = new OrthancServer();
        var display = ImageReader.Read(RepositoryFiles.Sample).RenderDisplay();
        var spine = DicomFileWriter.Write(Film(display, "SPINE", "1.2.826.0.1.3680043.2.1125.18.101", display.Pixels));
        orthanc.Upload(spine);
        orthanc.Upload(DicomFileWriter.Write(Film(display, "CHEST", "1.2.826.0.1.3680043.2.1125.18.102", display.Pixels)));
        orthanc.Upload(DicomFileWriter.Write(Film(display, "SPINE", "1.2.826.0.1.3680043.2.1125.18.103", display.Pixels.AsSpan(0, 1000).ToArray())));
        var spinePath = Path.Combine(folder.FullName, "spine.dcm");
        File.WriteAllBytes(spinePath, spine);

        var (exitCode, stdout, stderr) = Run("pacs", "--url", orthanc.DicomWeb.AbsoluteUri, "--body-part", "SPINE", "--once");

        Assert.True(exitCode == ExitCodes.ProcessingError, stdout + stderr);
        Assert.True(stdout.Contains("2 found, 1 analysed, 0 skipped, 1 failed", StringComparison.Ordinal), stdout + stderr);
        Assert.Matches(@"1\.2\.826\.0\.1\.3680043\.2\.1125\.18\.103: failed: .+", stdout);
        Assert.DoesNotContain("Doe", stdout + stderr, StringComparison.Ordinal);

        // The report is in the film's study: read back through DICOMweb and checked by dcmtk and dicom3tools.
        using var client = new DicomWebClient(orthanc.DicomWeb);
        var reports = await client.SearchInstancesAsync([new("StudyInstanceUID", StudyUid), new("Modality", "SR")]);
        var report = Assert.Single(reports);
        Assert.Single(await client.SearchInstancesAsync([new("StudyInstanceUID", StudyUid), new("Modality", "OT")]));
        var reportPath = Path.Combine(folder.FullName, "report.dcm");
        File.WriteAllBytes(reportPath, await client.RetrieveInstanceAsync(report));
        var (errors, _, verdict) = DicomTools.Verify(reportPath);
        Assert.True(errors.Count == 0, verdict);
        var (exit, tree, _) = DicomTools.Run("dsrdump", "+Pc", "+Pl", "+Pu", reportPath);
        Assert.Equal(0, exit);
        Assert.Contains("\"1.2.826.0.1.3680043.2.1125.18.101\"", tree, StringComparison.Ordinal);

        // Its angles are those `spinekit analyze` measures on the same file.
        var output = Path.Combine(folder.FullName, "analysis");
        Assert.Equal(ExitCodes.Success, Run("analyze", spinePath, "--out", output).ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spine.json")));
        var challenge = json.RootElement.GetProperty("challengeAngles");
        string[] codes = ["SK-AASCE-PT", "SK-AASCE-MT", "SK-AASCE-TL"];
        string[] keys = ["first", "second", "third"];
        for (var i = 0; i < 3; i++)
        {
            var match = Regex.Match(tree, $@"NUM:\({codes[i]},99SPINEKIT,""[^""]+""\)=""([^""]+)""");
            Assert.True(match.Success, tree);
            // The JSON rounds to 3 decimals; the report keeps the full double.
            Assert.InRange(Math.Abs(challenge.GetProperty(keys[i]).GetDouble() - double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)), 0, 0.0005 + 1e-9);
        }

        var curves = json.RootElement.GetProperty("clinical").GetProperty("curves").EnumerateArray().Select(c => c.GetProperty("cobbDegrees").GetDouble()).ToList();
        var reported = Regex.Matches(tree, @"NUM:\(285285000,SCT,""Cobb angle""\)=""([^""]+)""").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(curves.Count, reported.Count);
        Assert.All(curves.Zip(reported), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 0.005 + 1e-9));

        // A second pass (as after a restart) finds the report and stores nothing new.
        var (again, secondOut, _) = Run("pacs", "--url", orthanc.DicomWeb.AbsoluteUri, "--body-part", "SPINE", "--once");
        Assert.Equal(ExitCodes.ProcessingError, again);
        Assert.Contains("2 found, 0 analysed, 1 skipped, 1 failed", secondOut, StringComparison.Ordinal);
        Assert.Single(await client.SearchInstancesAsync([new("StudyInstanceUID", StudyUid), new("Modality", "SR")]));
    }

    [Fact]
    public async Task AWorkerStoppedMidPassAndStartedAgainStoresEveryReportExactlyOnce()
    {
        using var orthanc = new OrthancServer();
        var display = ImageReader.Read(RepositoryFiles.Sample).RenderDisplay();
        for (var i = 1; i <= 3; i++)
        {
            orthanc.Upload(DicomFileWriter.Write(Film(display, "SPINE", $"1.2.826.0.1.3680043.2.1125.18.20{i}", display.Pixels)));
        }

        using var client = new DicomWebClient(orthanc.DicomWeb);
        var detector = DetectorLoader.Create(null, null, null);
        var query = new PacsQuery(null, ["DX"], "SPINE");

        // Killed, as far as the archive can tell, right after the first report was stored.
        using var stop = new CancellationTokenSource();
        var first = new PacsWorker(client, detector, "test", line =>
        {
            if (line.Contains("report stored", StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }, concurrency: 1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunOnceAsync(query, stop.Token));
        Assert.Single(await client.SearchInstancesAsync([new("StudyInstanceUID", StudyUid), new("Modality", "SR")]));

        var lines = new List<string>();
        var summary = await new PacsWorker(client, detector, "test", lines.Add, concurrency: 2).RunOnceAsync(query);

        Assert.Equal(new PacsSummary(3, 2, 1, 0), summary);
        var reports = await client.SearchInstancesAsync([new("StudyInstanceUID", StudyUid), new("Modality", "SR")]);
        Assert.Equal(3, reports.Count);
        Assert.Equal(3, reports.Select(r => r.SopInstanceUid).Distinct().Count());
        Assert.All(reports, r => Assert.Contains(r.SopInstanceUid, new[] { 1, 2, 3 }.Select(i => first.ReportUid($"1.2.826.0.1.3680043.2.1125.18.20{i}"))));
    }

    [Theory]
    [InlineData("--once and --watch exclude each other", "--url", "http://127.0.0.1:1/dicom-web/", "--once", "--watch")]
    [InlineData("--since '2026-13-01' is not a date (yyyy-MM-dd)", "--url", "http://127.0.0.1:1/dicom-web/", "--since", "2026-13-01")]
    [InlineData("--url 'ftp://pacs/' is not an http or https URL", "--url", "ftp://pacs/")]
    [InlineData("--url must not hold credentials; use SPINEKIT_PACS_TOKEN, SPINEKIT_PACS_USER/SPINEKIT_PACS_PASSWORD or --credentials FILE", "--url", "http://ann:pw@127.0.0.1:1/dicom-web/")]
    [InlineData("--jobs and --interval must be at least 1", "--url", "http://127.0.0.1:1/dicom-web/", "--jobs", "0")]
    public void BadOptionsAreUsageErrorsBeforeAnythingIsContacted(string message, params string[] options)
    {
        var (exitCode, stdout, stderr) = Run(["pacs", .. options]);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"spinekit: {message}", stderr.Trim());
    }

    [Fact]
    public void AnArchiveThatDoesNotAnswerIsAOneLineError()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once (and retried before giving up).
        var (exitCode, _, stderr) = Run("pacs", "--url", "http://127.0.0.1:1/dicom-web/", "--once");

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.StartsWith("spinekit: DICOMweb search failed after 4 tries", stderr, StringComparison.Ordinal);
    }

    private static DicomDatasetBuilder Film(Image<byte> display, string bodyPart, string sopInstance, byte[] pixels) =>
        new DicomDatasetBuilder()
            .AddText(0x0008, 0x0005, "CS", "ISO_IR 192")
            .AddText(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
            .AddText(0x0008, 0x0018, "UI", sopInstance)
            .AddText(0x0008, 0x0020, "DA", "20261201")
            .AddText(0x0008, 0x0060, "CS", "DX")
            .AddText(0x0010, 0x0010, "PN", "Doe^Jane")
            .AddText(0x0010, 0x0020, "LO", "PID-42")
            .AddText(0x0018, 0x0015, "CS", bodyPart)
            .AddText(0x0018, 0x5101, "CS", "AP")
            .AddText(0x0020, 0x000D, "UI", StudyUid)
            .AddText(0x0020, 0x000E, "UI", sopInstance + ".1")
            .AddUInt16(0x0028, 0x0002, 1)
            .AddText(0x0028, 0x0004, "CS", "MONOCHROME2")
            .AddUInt16(0x0028, 0x0010, (ushort)display.Height)
            .AddUInt16(0x0028, 0x0011, (ushort)display.Width)
            .AddUInt16(0x0028, 0x0100, 8)
            .AddUInt16(0x0028, 0x0101, 8)
            .AddUInt16(0x0028, 0x0102, 7)
            .AddUInt16(0x0028, 0x0103, 0)
            .AddBytes(0x7FE0, 0x0010, "OB", pixels);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
