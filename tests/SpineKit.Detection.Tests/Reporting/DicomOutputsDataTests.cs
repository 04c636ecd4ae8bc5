using System.Text.RegularExpressions;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Reporting;

/// <summary>
/// Real DICOM files from other toolkits (../shared/datasets/dicom-samples: explicit and implicit VR, no meta
/// header, big endian, ISO_IR 100) as the sources of a report and a Secondary Capture: dciodvfy accepts both,
/// and dcmtk reads in them the patient, study and source instance that dcmtk reads in the source.
/// </summary>
[Trait("Category", SharedData.Category)]
public sealed class DicomOutputsDataTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spinekit-dicom-data-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("pydicom-cspine-CR2-6247.dcm")]
    [InlineData("nhsx-dx-chest.dcm")]
    [InlineData("fodicom-CR-MONO1-10-chest")]
    [InlineData("fodicom-GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm")]
    public void AReportAndACaptureOfARealSourceJoinItsPatientAndStudy(string name)
    {
        var sourcePath = SharedData.PathOf($"datasets/dicom-samples/{name}");
        var source = DicomPatientStudy.Read(File.ReadAllBytes(sourcePath));
        var provenance = new AnalysisProvenance("9.9.9-test", [("corners", new Detection.Inference.ModelFile("spinekit-landmarks-ap.safetensors", new string('a', 64)))], DateTimeOffset.UnixEpoch, null);
        var created = new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
        var reportPath = Path.Combine(folder, "sr.dcm");
        var capturePath = Path.Combine(folder, "sc.dcm");
        File.WriteAllBytes(reportPath, DicomFileWriter.Write(CobbStructuredReport.Create(
            CobbStructuredReportTests.SShapedSpine(), source, new DicomNewInstance(DicomUid.New(), DicomUid.New(), 9001, "SpineKit measurements", created, "SpineKit 9.9.9-test"), provenance)));
        File.WriteAllBytes(capturePath, DicomFileWriter.Write(DicomSecondaryCapture.Create(
            ImageReader.Read(sourcePath).RenderDisplay(), source, new DicomNewInstance(DicomUid.New(), DicomUid.New(), 9002, "SpineKit overlay", created, "SpineKit 9.9.9-test"))));

        var original = Attributes(sourcePath);
        foreach (var path in new[] { reportPath, capturePath })
        {
            var (errors, _, verdict) = DicomTools.Verify(path);
            Assert.True(errors.Count == 0, verdict);
            var derived = Attributes(path);
            Assert.Equal(original["(0010,0010)"], derived["(0010,0010)"]);

            // Type 2: written empty when the source has none.
            Assert.Equal(original.GetValueOrDefault("(0010,0020)", "(no value available)"), derived["(0010,0020)"]);
            Assert.Equal(original["(0020,000d)"], derived["(0020,000d)"]);
            Assert.NotEqual(original["(0020,000e)"], derived["(0020,000e)"]);
            Assert.Equal(original["(0008,0018)"], derived["(0008,1155)"]);
            Assert.Equal(original["(0008,0016)"], derived["(0008,1150)"]);
        }
    }

    [Fact]
    public void ASourceWhoseInstanceUidIsMalformedIsRefusedByName()
    {
        // This file's SOP Instance UID has a component with a leading zero ("01"), which PS3.5 9.1 forbids.
        var error = Assert.Throws<ImageFormatException>(() =>
            DicomPatientStudy.Read(File.ReadAllBytes(SharedData.PathOf("datasets/dicom-samples/fodicom-CR-ModalitySequenceLUT.dcm"))));

        Assert.Contains("no valid SOP Instance UID (0008,0018)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The first value dcmtk prints for each tag (the outermost first: dcmdump lists in file order), UTF-8.</summary>
    private static Dictionary<string, string> Attributes(string path)
    {
        var (exit, output, error) = DicomTools.Run("dcmdump", "-q", "+U8", "+P", "0010,0010", "+P", "0010,0020", "+P", "0020,000d", "+P", "0020,000e", "+P", "0008,0018", "+P", "0008,0016", "+P", "0008,1155", "+P", "0008,1150", "+Un", path);
        Assert.True(exit == 0, error);
        var values = new Dictionary<string, string>();
        foreach (Match match in Regex.Matches(output, @"^\s*\((\w{4},\w{4})\) \w\w (\[[^\]]*\]|=\w+|\(no value available\))", RegexOptions.Multiline))
        {
            values.TryAdd($"({match.Groups[1].Value})", match.Groups[2].Value);
        }

        return values;
    }
}
