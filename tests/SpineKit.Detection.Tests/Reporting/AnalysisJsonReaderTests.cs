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

    private const string Punctuation = "{}[],:\"0-.e";

    [Fact]
    public void SeededMutations_AreReadOrRefusedAsLabelErrors_NeverAnythingElse()
    {
        // A real document (corners, spacing, the curve report) mutated 3000 times from one seed: flipped, inserted,
        // deleted and duplicated bytes, cut short, numbers swapped for hostile ones. Every outcome is landmarks
        // with finite corners or a LabelFormatException; no other exception escapes.
        var vertebrae = VertebraLevels.ChallengeLevels.Select((level, i) => Vertebra.FromCorners(level, [new Point2(100, 50 + (60 * i)), new Point2(160, 52 + (60 * i)), new Point2(101, 90 + (60 * i)), new Point2(161, 93 + (60 * i))], 0.8f));
        var landmarks = new LandmarkSet(new ImageSize(400, 1200), vertebrae, new PixelSpacing(0.2, 0.2), "film.png");
        var original = Encoding.UTF8.GetBytes(AnalysisJson.Write(new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0), "film.png"));
        string[] hostile = ["NaN", "1e309", "-1e309", "-0", "null", "\"12\"", "[]", "{}", "1e-320", "12345678901234567890123456789"];
        var random = new Random(20261206);
        var (read, refused) = (0, 0);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = original.ToList();
            for (var edit = random.Next(1, 6); edit > 0 && bytes.Count > 0; edit--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(6))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.Insert(at, (byte)Punctuation[random.Next(Punctuation.Length)]); break;
                    case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 40))); break;
                    case 3: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 200)))); break;
                    case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                    default:
                        var text = Encoding.UTF8.GetString([.. bytes]);
                        var number = System.Text.RegularExpressions.Regex.Match(text[Math.Min(at, text.Length - 1)..], "-?[0-9]+(\\.[0-9]+)?");
                        bytes = number.Success ? [.. Encoding.UTF8.GetBytes(text[..(Math.Min(at, text.Length - 1) + number.Index)] + hostile[random.Next(hostile.Length)] + text[(Math.Min(at, text.Length - 1) + number.Index + number.Length)..])] : bytes;
                        break;
                }
            }

            try
            {
                var result = AnalysisJsonReader.Read(bytes.ToArray(), "fuzz.json");
                Assert.All(result.Vertebrae.SelectMany(v => v.CornerArray()), p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y), $"round {round}: a corner at {p}"));
                read++;
            }
            catch (LabelFormatException)
            {
                refused++;
            }
        }

        // Both outcomes occur, so the mutations reach past the parser into the reader's own checks.
        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused");
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
