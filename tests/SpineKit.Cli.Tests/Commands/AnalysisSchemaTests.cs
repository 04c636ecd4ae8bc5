using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>
/// The published JSON Schema (<c>docs/schemas/spinekit.analysis-1.schema.json</c>) against real results: the README's
/// command on the sample, a partial view, and a correction-page export, checked by an independent draft 2020-12
/// validator (JsonSchema.Net); and the schema is strict enough to refuse broken documents.
/// </summary>
public sealed class AnalysisSchemaTests : IDisposable
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(RepositoryFiles.Root, "docs", "schemas", "spinekit.analysis-1.schema.json"));

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-schema-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheSampleAnalysisFollowsThePublishedSchema()
    {
        var document = Analyze(RepositoryFiles.Sample, "ap-radiograph.json");

        AssertValid(document);
        Assert.Equal("apSpine", document.RootElement.GetProperty("film").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("challengeAngles").ValueKind);

        // The shipped level classifier gives each vertebra's name a probability.
        var levelConfidences = document.RootElement.GetProperty("vertebrae").EnumerateArray().Select(v => v.GetProperty("levelConfidence")).ToList();
        Assert.Contains(levelConfidences, c => c.ValueKind == JsonValueKind.Number);
        Assert.All(levelConfidences.Where(c => c.ValueKind == JsonValueKind.Number), c => Assert.InRange(c.GetDouble(), 0, 1));

        // The shipped models run the refiner, so every angle has its second reading.
        Assert.Equal(3, document.RootElement.GetProperty("challengeAngles").GetProperty("uncertaintyDegrees").GetArrayLength());
        Assert.Contains(document.RootElement.GetProperty("anglesUncertain").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });

        // Each model's training day is the one its file's header records, read here straight from the safetensors header.
        foreach (var model in document.RootElement.GetProperty("provenance").GetProperty("models").EnumerateArray())
        {
            var file = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "models"), model.GetProperty("file").GetString()!, SearchOption.AllDirectories).Single();
            Assert.Equal(TrainingDateInHeader(file), model.GetProperty("trainedOn").GetString());
        }
    }

    private static string TrainingDateInHeader(string path)
    {
        using var stream = File.OpenRead(path);
        var length = new byte[8];
        stream.ReadExactly(length);
        var header = new byte[BitConverter.ToInt64(length)];
        stream.ReadExactly(header);
        using var json = JsonDocument.Parse(header);
        return json.RootElement.GetProperty("__metadata__").GetProperty("training_date").GetString()!;
    }

    [Fact]
    public void APartialViewWithoutChallengeAnglesFollowsThePublishedSchema()
    {
        // The lower 40 % of the sample: a lumbar view, where the challenge triple does not apply.
        var display = ImageReader.Read(RepositoryFiles.Sample).RenderDisplay();
        var top = display.Height * 6 / 10;
        var rows = display.Height - top;
        var lumbar = new Image<byte>(display.Width, rows, 1, display.Pixels[(top * display.Width)..]);
        var path = Path.Combine(_folder.FullName, "lumbar.png");
        File.WriteAllBytes(path, PngEncoder.Encode(lumbar));

        var document = Analyze(path, "lumbar.json");

        AssertValid(document);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("challengeAngles").ValueKind);
        Assert.False(document.RootElement.GetProperty("levels").GetProperty("allChallengeLevels").GetBoolean());
    }

    [Fact]
    public void ACorrectedExportWithSpacingFollowsThePublishedSchema()
    {
        var image = ImageReader.Read(RepositoryFiles.Sample);
        var prediction = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model)).Detect(image.ToGrayscale(), new Anatomy.Geometry.PixelSpacing(0.2, 0.2), imageName: "x.jpg");
        var corrections = new List<UserCorrection> { new(VertebraLevel.T8, Corner.TopLeft, 400.25, 700.5, new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.FromHours(1))) };
        var provenance = new AnalysisProvenance("0.1.0", [], DateTimeOffset.UnixEpoch, null) { Dicom = new DicomInstance("1.2.840.1", null, "1.2.840.1.2.3") };

        using var document = JsonDocument.Parse(AnalysisJson.Write(prediction, "x.jpg", "PixelSpacing", provenance, FilmAssessment.Clear, corrections));

        AssertValid(document);
        var dicom = document.RootElement.GetProperty("provenance").GetProperty("dicom");
        Assert.Equal("1.2.840.1", dicom.GetProperty("studyInstanceUid").GetString());
        Assert.Equal(JsonValueKind.Null, dicom.GetProperty("seriesInstanceUid").ValueKind);
        Assert.Equal("1.2.840.1.2.3", dicom.GetProperty("sopInstanceUid").GetString());
        Assert.Equal("2026-12-06T08:30:00Z", document.RootElement.GetProperty("corrections")[0].GetProperty("at").GetString());
        Assert.True(document.RootElement.GetProperty("vertebrae")[0].TryGetProperty("cornersMm", out _));
    }

    [Fact]
    public void WithAPatientOrientationEveryCurveIsNamedOnThePatient()
    {
        var image = ImageReader.Read(RepositoryFiles.Sample);
        var prediction = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model)).Detect(image.ToGrayscale(), imageName: "x.jpg");

        using var shown = JsonDocument.Parse(AnalysisJson.Write(prediction, "x.jpg", orientation: Anatomy.Clinical.ImageOrientation.Parse("L\\F")));
        using var mirrored = JsonDocument.Parse(AnalysisJson.Write(prediction, "x.jpg", orientation: Anatomy.Clinical.ImageOrientation.Parse("R\\F")));

        AssertValid(shown);
        var curves = shown.RootElement.GetProperty("clinical").GetProperty("curves").EnumerateArray().ToList();
        var mirroredCurves = mirrored.RootElement.GetProperty("clinical").GetProperty("curves").EnumerateArray().ToList();
        Assert.NotEmpty(curves);
        for (var i = 0; i < curves.Count; i++)
        {
            // AP display (rows to the patient's left): a curve bulging to the image right is a left curve.
            var expected = curves[i].GetProperty("convexSide").GetString() == "ImageRight" ? "Left" : "Right";
            Assert.Equal(expected, curves[i].GetProperty("convexPatientSide").GetString());
            Assert.NotEqual(expected, mirroredCurves[i].GetProperty("convexPatientSide").GetString());
        }
    }

    [Fact]
    public void LabelsWithTheSacrumCarryTheLumbarModifierInTheSchema()
    {
        Vertebra Body(VertebraLevel level, double left, double top) => new(level, new(left, top), new(left + 40, top), new(left, top + 30), new(left + 40, top + 30));
        var landmarks = new LandmarkSet(new Anatomy.Geometry.ImageSize(400, 1000),
            [Body(VertebraLevel.L3, 100, 500), Body(VertebraLevel.L4, 100, 540), Vertebra.UpperEndplateOnly(VertebraLevel.S1, new(95, 640), new(145, 640))]);
        var prediction = new LandmarkPrediction(landmarks, Anatomy.Cobb.CobbAnalysis.Analyze(landmarks), 0);

        using var document = JsonDocument.Parse(AnalysisJson.Write(prediction, "labels.json"));

        AssertValid(document);
        foreach (var curve in document.RootElement.GetProperty("clinical").GetProperty("curves").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, curve.GetProperty("convexPatientSide").ValueKind);
        }
        var sacral = document.RootElement.GetProperty("clinical").GetProperty("sacral");
        Assert.Equal("A", sacral.GetProperty("lenkeLumbarModifier").GetString());
        Assert.Equal(120, sacral.GetProperty("csvlX").GetDouble());
        Assert.Equal(JsonValueKind.Null, sacral.GetProperty("coronalBalancePixels").ValueKind);
    }

    [Theory]
    [InlineData(null, true, "the saved session as the page writes it")]
    [InlineData("{\"kind\": \"cobbAngle\", \"points\": [{\"x\": 1, \"y\": 2}, {\"x\": 3, \"y\": 4}, {\"x\": 5, \"y\": 6}], \"degrees\": 10}", false, "a Cobb angle of three points")]
    [InlineData("{\"kind\": \"length\", \"points\": [{\"x\": 1, \"y\": 2}, {\"x\": 3, \"y\": 4}], \"length\": 2.8, \"unit\": \"cm\"}", false, "a length in a unit the page never writes")]
    [InlineData("{\"kind\": \"circle\", \"points\": [{\"x\": 1, \"y\": 2}, {\"x\": 3, \"y\": 4}], \"length\": 2.8, \"unit\": \"px\"}", false, "an unknown kind of measurement")]
    [InlineData("{\"kind\": \"length\", \"points\": [{\"x\": 1, \"y\": 2}, {\"x\": 3, \"y\": 4}], \"unit\": \"px\"}", false, "a length without its value")]
    public void ASessionSavedByThePageFollowsThePublishedSchema(string? extraMark, bool valid, string what)
    {
        // What the correction page's Save adds to the server's export: the automatic result and the hand-drawn measurements.
        using var sample = Analyze(RepositoryFiles.Sample, "ap-radiograph.json");
        var root = JsonNode.Parse(sample.RootElement.GetRawText())!.AsObject();
        root["corrections"] = JsonNode.Parse("[{\"level\": \"T8\", \"corner\": \"tl\", \"x\": 240.1, \"y\": 967.76, \"at\": \"2026-12-06T04:30:00Z\"}]");
        root["automatic"] = new JsonObject
        {
            ["vertebrae"] = root["vertebrae"]!.DeepClone(),
            ["levels"] = root["levels"]!.DeepClone(),
            ["challengeAngles"] = root["challengeAngles"]!.DeepClone(),
            ["clinical"] = root["clinical"]!.DeepClone(),
        };
        var marks = JsonNode.Parse("""
            [
              { "kind": "cobbAngle", "points": [{ "x": 10, "y": 20 }, { "x": 170, "y": 27 }, { "x": 160, "y": 170 }, { "x": 10, "y": 263 }], "degrees": 34.33 },
              { "kind": "length", "points": [{ "x": 10, "y": 320 }, { "x": 100, "y": 440 }], "length": 150, "unit": "px" }
            ]
            """)!.AsArray();
        if (extraMark is not null)
        {
            marks.Add(JsonNode.Parse(extraMark));
        }

        root["manualMarks"] = marks;
        using var document = JsonDocument.Parse(root.ToJsonString());

        if (!valid)
        {
            Assert.False(Schema.Evaluate(document.RootElement).IsValid, $"the schema accepted {what}");
            return;
        }

        AssertValid(document);

        // The automatic result is held to the same rules as the corrected one.
        root["automatic"]!.AsObject().Remove("clinical");
        using var withoutClinical = JsonDocument.Parse(root.ToJsonString());
        Assert.False(Schema.Evaluate(withoutClinical.RootElement).IsValid, "the schema accepted an automatic result without its clinical report");
    }

    [Theory]
    [InlineData("$.vertebrae", null, "a required field missing")]
    [InlineData("$.vertebrae[0].level", "\"T99\"", "a level that does not exist")]
    [InlineData("$.vertebrae[0].confidence", "1.5", "a confidence above 1")]
    [InlineData("$.vertebrae[0].corners.tl.x", "\"353\"", "a coordinate written as text")]
    [InlineData("$.image.colour", "\"grey\"", "a field the schema does not define")]
    [InlineData("$.provenance.imageSha256", "\"C988F861\"", "a hash that is not 64 lower-case hex digits")]
    [InlineData("$.film.verdict", "\"maybe\"", "a verdict outside the list")]
    [InlineData("$.schema", "\"spinekit.analysis/2\"", "another schema version")]
    [InlineData("$.provenance.dicom", "{\"studyInstanceUid\": \"1.2.x\", \"seriesInstanceUid\": null, \"sopInstanceUid\": null}", "a UID that is not dotted digits")]
    public void TheSchemaRefusesABrokenDocument(string path, string? value, string what)
    {
        using var sample = Analyze(RepositoryFiles.Sample, "ap-radiograph.json");
        var root = JsonNode.Parse(sample.RootElement.GetRawText())!;
        var parts = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = part.StartsWith('[') ? parent[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        }

        if (value is null)
        {
            parent.AsObject().Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(value);
        }

        using var broken = JsonDocument.Parse(root.ToJsonString());
        Assert.False(Schema.Evaluate(broken.RootElement).IsValid, $"the schema accepted {what} ({path})");
    }

    private static void AssertValid(JsonDocument document)
    {
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    private JsonDocument Analyze(string input, string jsonName)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(["analyze", input, "--out", _folder.FullName, "--overwrite"], output, error);
        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.FullName, jsonName)));
    }
}
