using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Detection.Tests.Reporting;

/// <summary>The evaluation report's worst-case overlays are drawn on the image the detector was shown.</summary>
public sealed class EvaluationReportTests : IDisposable
{
    private const int Width = 100, Height = 560;

    // T11 ends at 340 and T12 starts at 350, so the lumbar view starts at 345; a white mark sits at y = 400.
    private const int Cut = 345, MarkY = 400, MarkX = 90;

    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-report-").FullName;

    public EvaluationReportTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        var film = new Image<byte>(Width, Height);
        for (var y = MarkY - 3; y <= MarkY + 3; y++)
        {
            for (var x = MarkX - 3; x <= MarkX + 3; x++)
            {
                film[x, y] = 255;
            }
        }

        File.WriteAllBytes(Path.Combine(_root, "images", "film.png"), PngEncoder.Encode(film));
        ChallengeDataset.Write(Path.Combine(_root, "labels"), [ChallengeEntry.FromLandmarks("film.png", Truth())]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void APartialViewIsDrawnInTheViewsPixelsNotOnTheWholeFilm()
    {
        var seen = new List<(int Width, int Height)>();
        var summary = LandmarkEvaluator.Evaluate(
            (grey, _, _) =>
            {
                seen.Add((grey.Width, grey.Height));
                return Predict(EvaluationViews.Make(EvaluationView.LumbarOnly, new Image<float>(Width, Height), Truth()).Truth);
            },
            new Dictionary<string, string>(),
            _root,
            view: EvaluationView.LumbarOnly);

        var overlay = WriteAndReadOverlay(summary);

        Assert.Equal([(Width, Height - Cut)], seen);
        Assert.Equal(Width, overlay.Width);
        Assert.Equal(Height - Cut, overlay.Height);
        Assert.Equal([255, 255, 255], Rgb(overlay, MarkX, MarkY - Cut));
    }

    [Fact]
    public void TheUsualViewIsDrawnOnTheFilmItself()
    {
        var summary = LandmarkEvaluator.Evaluate((_, _, _) => Predict(Truth()), new Dictionary<string, string>(), _root);

        var overlay = WriteAndReadOverlay(summary);

        Assert.Null(Assert.Single(summary.Images).ViewSource);
        Assert.Equal((Width, Height), (overlay.Width, overlay.Height));
        Assert.Equal([255, 255, 255], Rgb(overlay, MarkX, MarkY));
    }

    private Image<byte> WriteAndReadOverlay(LandmarkEvaluationSummary summary)
    {
        var report = Path.Combine(_root, "report");
        EvaluationReport.Write(summary, report, "model.safetensors");
        var image = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(report, "worst-film.png")));
        return Assert.IsType<Image<byte>>(image);
    }

    private static byte[] Rgb(Image<byte> image, int x, int y) =>
        [.. Enumerable.Range(0, 3).Select(c => image.Pixels[(((y * image.Width) + x) * image.Channels) + c])];

    // 17 bodies 20 px tall every 30 px, between x = 40 and 60.
    private static LandmarkSet Truth() => new(new ImageSize(Width, Height), VertebraLevels.ChallengeLevels.Select((level, i) =>
        Vertebra.FromCorners(level, [new(40, 20 + (30 * i)), new(60, 20 + (30 * i)), new(40, 40 + (30 * i)), new(60, 40 + (30 * i))])), null, "film.png");

    private static LandmarkPrediction Predict(LandmarkSet landmarks) => new(landmarks, CobbAnalysis.Analyze(landmarks) with { Challenge = null }, 0.25);
}
