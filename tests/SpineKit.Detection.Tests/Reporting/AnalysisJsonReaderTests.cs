using System.Text;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;

namespace SpineKit.Detection.Tests.Reporting;

/// <summary>The landmarks of a spinekit.analysis/1 document read back.</summary>
public sealed class AnalysisJsonReaderTests
{
    [Fact]
    public void WrittenDocument_ReadsBackToTheSameLevelsCornersAndSpacing()
    {
        var vertebrae = new[]
        {
            new Vertebra(VertebraLevel.C3, new Point2(10.25, 20), new Point2(60, 22.5), new Point2(11, 50), new Point2(61.75, 52)),
            new Vertebra(VertebraLevel.C4, new Point2(12, 60), new Point2(62, 61), new Point2(13, 90), new Point2(63, 93)),
            Vertebra.UpperEndplateOnly(VertebraLevel.S1, new Point2(15, 300), new Point2(70, 330)),
        };
        var landmarks = new LandmarkSet(new ImageSize(400, 900), vertebrae, new PixelSpacing(0.2, 0.1), "film.png");
        var text = AnalysisJson.Write(new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0), "film.png");

        var read = AnalysisJsonReader.Read(Encoding.UTF8.GetBytes(text), "film.json");

        Assert.Equal(landmarks.Size, read.Size);
        Assert.Equal(landmarks.Spacing, read.Spacing);
        Assert.Equal("film.png", read.ImageName);
        Assert.Equal(vertebrae.Select(v => v.Level), read.Vertebrae.Select(v => v.Level));
        Assert.Equal(vertebrae.Select(v => v.ToString()), read.Vertebrae.Select(v => v.ToString()));
        Assert.False(read.Find(VertebraLevel.S1)!.HasLowerEndplate);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"schema\":\"other\"}", "'schema' must be")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":0,\"height\":9},\"vertebrae\":[]}", "image.width must be")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":9,\"height\":9},\"vertebrae\":[{\"level\":\"L1\",\"corners\":{\"tl\":{\"x\":1,\"y\":1}}}]}", "vertebrae[0].corners.tr must be")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":9,\"height\":9},\"vertebrae\":[{\"level\":\"L1\",\"corners\":{\"tl\":{\"x\":1,\"y\":1},\"tr\":{\"x\":2,\"y\":1}}},{\"level\":\"l1\",\"corners\":{\"tl\":{\"x\":1,\"y\":1},\"tr\":{\"x\":2,\"y\":1}}}]}", "labelled twice")]
    [InlineData("{\"schema\":", "not valid JSON")]
    public void BadDocuments_AreLabelFormatErrorsNamingTheField(string json, string expected)
    {
        var error = Assert.Throws<LabelFormatException>(() => AnalysisJsonReader.Read(Encoding.UTF8.GetBytes(json), "x.json"));
        Assert.StartsWith("x.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
