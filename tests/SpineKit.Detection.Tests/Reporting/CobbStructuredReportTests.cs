using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging.Formats.Dicom;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Reporting;

/// <summary>
/// The measurement report of a synthetic S-shaped spine: dcmtk's <c>dsrdump</c> reads the tree back with every
/// angle the analysis measured, and dicom3tools' <c>dciodvfy</c> finds no error in the Comprehensive SR.
/// </summary>
public sealed class CobbStructuredReportTests : IDisposable
{
    private const string SourceSopInstance = "1.2.826.0.1.3680043.2.1125.3";
    private readonly string folder = Directory.CreateTempSubdirectory("spinekit-sr-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void DsrdumpReadsTheTreeWithEveryMeasurement()
    {
        var prediction = SShapedSpine();
        var dump = Dsrdump(WriteReport(prediction, frames: 1));

        Assert.Contains("Comprehensive SR Document", dump);
        Assert.Contains("Patient             : Doe^Jane (F, 2008-04-01, #PID-42)", dump);
        Assert.Contains("# TID 1500 (DCMR)", dump);
        Assert.Contains("<CONTAINER:(126000,DCM,\"Imaging Measurement Report\")=SEPARATE>", dump);
        Assert.Contains("<has concept mod CODE:(121049,DCM,\"Language of Content Item and Descendants\")=(en-US,RFC5646,\"English (United States)\")>", dump);
        Assert.Contains("<has obs context CODE:(121005,DCM,\"Observer Type\")=(121007,DCM,\"Device\")>", dump);
        Assert.Contains("<contains IMAGE:=(DX image,", dump);
        Assert.Contains("<contains TEXT:(121106,DCM,\"Comment\")=\"Research use only, not for diagnosis.\">", dump);
        Assert.Contains("<contains TEXT:(111001,DCM,\"Algorithm Name\")=\"spinekit-landmarks-ap.safetensors\">", dump);
        Assert.Contains($"<contains TEXT:(SK-SHA256,99SPINEKIT,\"Model file SHA-256\")=\"{new string('a', 64)}\">", dump);

        var challenge = prediction.Cobb.Challenge!;
        string[] columns = ["SK-AASCE-PT", "SK-AASCE-MT", "SK-AASCE-TL"];
        for (var column = 0; column < 3; column++)
        {
            Assert.Equal(challenge.Angles[column], Number(dump, $@"NUM:\({columns[column]},99SPINEKIT,""[^""]+""\)=""([^""]+)"" \(deg,UCUM,""degree""\)").Single(), 9);
        }

        var curves = prediction.Cobb.Clinical.Curves;
        Assert.Equal(2, curves.Count);
        var angles = Number(dump, @"NUM:\(285285000,SCT,""Cobb angle""\)=""([^""]+)"" \(deg,UCUM,""degree""\)");
        Assert.Equal(curves.Select(c => c.CobbAngle), angles, (a, b) => Math.Abs(a - b) < 1e-9);
        foreach (var curve in curves)
        {
            Assert.Contains($"Upper end vertebra\")=(SK-{VertebraLevels.Name(curve.UpperEnd)},99SPINEKIT,", dump);
            Assert.Contains($"Lower end vertebra\")=(SK-{VertebraLevels.Name(curve.LowerEnd)},99SPINEKIT,", dump);
            Assert.Contains($"Apical vertebra\")=(SK-{VertebraLevels.Name(curve.Apex)},99SPINEKIT,", dump);
        }

        // An S: a severe upper curve and a severe lower one, on opposite sides, the larger one major.
        Assert.Equal(2, Count(dump, "<contains CODE:(246112005,SCT,\"Severity\")=(24484000,SCT,\"Severe\")>"));
        Assert.Equal(1, Count(dump, "=(SK-IMG-LEFT,99SPINEKIT,\"Image left\")>"));
        Assert.Equal(1, Count(dump, "=(SK-IMG-RIGHT,99SPINEKIT,\"Image right\")>"));
        Assert.Equal(1, Count(dump, "<contains CODE:(SK-MAJOR,99SPINEKIT,\"Major curve\")=(373066001,SCT,\"Yes\")>"));
        Assert.Equal(4, Count(dump, "<inferred from SCOORD:(SK-ENDPLATE,99SPINEKIT,\"Measured endplate\")=(POLYLINE,"));

        // Each vertebra: its level and a closed outline starting at its top-left corner, on the source image.
        var regions = System.Text.RegularExpressions.Regex.Matches(dump, @"SCOORD:\(111030,DCM,""Image Region""\)=\(POLYLINE,([-\d.]+)/([-\d.]+),");
        Assert.Equal(17, regions.Count);
        for (var i = 0; i < 17; i++)
        {
            var vertebra = prediction.Landmarks.Vertebrae[i];
            Assert.Contains($"<contains CODE:(363698007,SCT,\"Finding Site\")=(SK-{VertebraLevels.Name(vertebra.Level)},99SPINEKIT,\"{VertebraLevels.Name(vertebra.Level)} vertebra\")>", dump);
            Assert.Equal(vertebra.TopLeft.X, double.Parse(regions[i].Groups[1].Value, CultureInfo.InvariantCulture), 3);
            Assert.Equal(vertebra.TopLeft.Y, double.Parse(regions[i].Groups[2].Value, CultureInfo.InvariantCulture), 3);
        }

        Assert.Equal(17 + 4, Count(dump, $"<selected from IMAGE:=(DX image,\"{SourceSopInstance}\")>"));
    }

    [Fact]
    public void DciodvfyFindsNoErrorInTheReport()
    {
        var path = WriteReport(SShapedSpine(), frames: 1);

        var (errors, warnings, text) = DicomTools.Verify(path);
        Assert.True(errors.Count == 0, text);

        // The one warning expected: dciodvfy does not know our private coding scheme (it is declared in the file).
        Assert.All(warnings, w => Assert.Equal("Warning - Unrecognized defined term <99SPINEKIT> for value 1 of attribute <Coding Scheme Designator>", w));
        Assert.Contains("ComprehensiveSR", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameOfAMultiFrameSourceIsNamedInEveryReference()
    {
        var dump = Dsrdump(WriteReport(SShapedSpine(), frames: 3));

        // Frame index 1 (0-based) is Referenced Frame Number 2.
        Assert.Equal(1 + 17 + 4, Count(dump, $"IMAGE:=(DX image,\"{SourceSopInstance}\",2)>"));
    }

    [Fact]
    public void APartialViewSaysWhyTheChallengeAnglesAreMissing()
    {
        var full = SShapedSpine();
        var partial = full with { Cobb = full.Cobb with { Challenge = null } };

        var dump = Dsrdump(WriteReport(partial, frames: 1));

        Assert.DoesNotContain("SK-AASCE-PT", dump, StringComparison.Ordinal);
        Assert.Contains("Partial view: the AASCE challenge angles need T1-L5", dump, StringComparison.Ordinal);
        Assert.Equal(2, Count(dump, "NUM:(285285000,SCT,\"Cobb angle\")"));
    }

    [Fact]
    public void TheReportJoinsTheSourcesPatientAndStudyInANewSeries()
    {
        var path = WriteReport(SShapedSpine(), frames: 1);

        var report = DicomPatientStudy.Read(File.ReadAllBytes(path));
        Assert.Equal("1.2.826.0.1.3680043.2.1125.1", report.StudyInstanceUid);
        Assert.NotEqual("1.2.826.0.1.3680043.2.1125.2", report.SeriesInstanceUid);
        Assert.Equal(CobbStructuredReport.SopClassUid, report.SopClassUid);
        var copy = new DicomDatasetBuilder();
        report.CopyTo(copy);
        Assert.Equal("Doe^Jane", copy.GetText(0x0010, 0x0010));
        Assert.Equal("ACC-9", copy.GetText(0x0008, 0x0050));
        Assert.Equal("STUDY1", copy.GetText(0x0020, 0x0010));
    }

    private static string Dsrdump(string path)
    {
        var (exit, output, error) = DicomTools.Run("dsrdump", "+Pc", "+Pl", "+Pt", "+Pu", "+U8", path);
        Assert.True(exit == 0, $"dsrdump failed ({exit}): {error}");

        // dcmtk 3.6.7's VR checker does not know ISO_IR 192 and says so; any other message is a problem in the file.
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Equal("W: The VR checker does not support this Specific Character Set: ISO_IR 192", line));
        return output;
    }

    private static List<double> Number(string dump, string pattern) =>
        [.. System.Text.RegularExpressions.Regex.Matches(dump, pattern).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    internal static LandmarkPrediction SShapedSpine()
    {
        // 17 bodies T1..L5 whose centres follow one sine period: a thoracic curve to one side, a lumbar one to the other.
        var vertebrae = new List<Vertebra>();
        for (var i = 0; i < 17; i++)
        {
            var y = 100 + (i * 50.0);
            var x = 300 + (60 * Math.Sin(i / 16.0 * 2 * Math.PI));
            var slope = 60 * Math.Cos(i / 16.0 * 2 * Math.PI) * (2 * Math.PI / 16) / 50;
            var angle = Math.Atan(slope);
            var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
            Point2 Corner(double dx, double dy) => new(x + (dx * cos) - (dy * sin), y + (dx * sin) + (dy * cos));
            vertebrae.Add(new Vertebra(VertebraLevels.ChallengeLevels[i], Corner(-25, -17), Corner(25, -17), Corner(-25, 17), Corner(25, 17), 0.9));
        }

        var landmarks = new LandmarkSet(new ImageSize(600, 1000), vertebrae);
        return new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0.5);
    }

    private string WriteReport(LandmarkPrediction prediction, int frames)
    {
        var sourcePath = Path.Combine(folder, "source.dcm");
        var sourceText = $"""
            (0008,0005) CS [ISO_IR 192]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.1.1]
            (0008,0018) UI [{SourceSopInstance}]
            (0008,0020) DA [20260101]
            (0008,0030) TM [101500]
            (0008,0050) SH [ACC-9]
            (0008,0090) PN [Referrer^Ann]
            (0010,0010) PN [Doe^Jane]
            (0010,0020) LO [PID-42]
            (0010,0030) DA [20080401]
            (0010,0040) CS [F]
            (0020,000d) UI [1.2.826.0.1.3680043.2.1125.1]
            (0020,000e) UI [1.2.826.0.1.3680043.2.1125.2]
            (0020,0010) SH [STUDY1]
            (0028,0008) IS [{frames}]
            """;
        File.WriteAllText(Path.Combine(folder, "source.txt"), sourceText);
        var (exit, _, error) = DicomTools.Run("dump2dcm", Path.Combine(folder, "source.txt"), sourcePath);
        Assert.True(exit == 0, error);
        var source = DicomPatientStudy.Read(File.ReadAllBytes(sourcePath));
        var provenance = new AnalysisProvenance("9.9.9-test", [("corners", new ModelFile("spinekit-landmarks-ap.safetensors", new string('a', 64)))], DateTimeOffset.UnixEpoch, new string('b', 64));
        var instance = new DicomNewInstance(DicomUid.New(), DicomUid.New(), 9001, "SpineKit measurements", new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero), "SpineKit 9.9.9-test");
        var path = Path.Combine(folder, "sr.dcm");
        File.WriteAllBytes(path, DicomFileWriter.Write(CobbStructuredReport.Create(prediction, source, instance, provenance, sourceFrame: frames > 1 ? 1 : 0)));
        return path;
    }
}
