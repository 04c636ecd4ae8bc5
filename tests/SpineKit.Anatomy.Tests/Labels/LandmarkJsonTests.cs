using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Labels;

public class LandmarkJsonTests
{
    private const string Minimal = """
        {
          "schema": "spinekit.landmarks/1",
          "image": { "width": 100, "height": 200 },
          "vertebrae": [
            { "level": "L5", "corners": { "tl": [1, 2], "tr": [3, 4], "bl": [5, 6], "br": [7, 8] } },
            { "level": "s1", "confidence": 0.5, "corners": { "tl": [10, 20], "tr": [30, 40] } }
          ]
        }
        """;

    [Fact]
    public void ReadsTheDocumentedExample()
    {
        var set = LandmarkJson.Read(Minimal);

        Assert.Equal(new ImageSize(100, 200), set.Size);
        Assert.Null(set.Spacing);
        Assert.Equal(VertebraLevel.L5, set.Vertebrae[0].Level);
        Assert.Equal(new Point2(7, 8), set.Vertebrae[0].BottomRight);
        Assert.Equal(1, set.Vertebrae[0].Confidence);
        Assert.Equal(VertebraLevel.S1, set.Vertebrae[1].Level);
        Assert.False(set.Vertebrae[1].HasLowerEndplate);
        Assert.Equal(0.5, set.Vertebrae[1].Confidence);
    }

    [Fact]
    public void RoundTripIsExact()
    {
        var spine = SyntheticSpine.FromTilts([3.3, -7.1, 12.345678901234]);
        var original = new LandmarkSet(spine.Size, [.. spine.Vertebrae, Vertebra.UpperEndplateOnly(VertebraLevel.T4, new(1.0 / 3, 2), new(5, 6), 0.25)], new PixelSpacing(0.143, 0.15), "x \"y\".jpg");

        var json = LandmarkJson.Write(original);
        var again = LandmarkJson.Read(json);

        Assert.Contains("\"schema\": \"spinekit.landmarks/1\"", json);
        Assert.Contains("\"level\": \"T2\"", json);
        Assert.Equal(original.ImageName, again.ImageName);
        Assert.Equal(original.Spacing, again.Spacing);
        Assert.Equal(original.CornerArray(), again.CornerArray());
        Assert.Equal(original.Vertebrae.Select(v => (v.Level, v.Confidence, v.HasLowerEndplate)), again.Vertebrae.Select(v => (v.Level, v.Confidence, v.HasLowerEndplate)));
    }

    [Theory]
    [InlineData("\"schema\": \"spinekit.landmarks/1\"", "\"schema\": \"spinekit.landmarks/2\"", "$.schema", "unsupported schema")]
    [InlineData("\"level\": \"L5\"", "\"level\": \"X9\"", "$.vertebrae[0].level", "not a vertebral level")]
    [InlineData("\"tr\": [30, 40]", "\"tr\": [30]", "$.vertebrae[1].corners.tr", "expected a point")]
    [InlineData("\"br\": [7, 8]", "\"br\": [7, \"8\"]", "$.vertebrae[0].corners.br[1]", "finite number")]
    [InlineData(", \"br\": [7, 8]", "", "$.vertebrae[0].corners", "\"br\" is missing")]
    [InlineData("\"width\": 100", "\"width\": 0", "$.image.width", "whole number")]
    [InlineData("\"width\": 100", "\"width\": 100, \"depth\": 3", "$.image", "unknown member \"depth\"")]
    [InlineData("\"confidence\": 0.5", "\"confidence\": 1.5", "$.vertebrae[1].confidence", "between 0 and 1")]
    public void ErrorsNameTheJsonPath(string find, string replace, string path, string fragment)
    {
        var broken = Minimal.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<LabelFormatException>(() => LandmarkJson.Read(broken, "x.json"));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith($"x.json at {path}: ", error.Message);
    }

    [Fact]
    public void SyntaxErrorsNameTheLine()
    {
        var error = Assert.Throws<LabelFormatException>(() => LandmarkJson.Read("{\n  \"schema\": ,\n}"));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid JSON", error.Message);
    }
}
