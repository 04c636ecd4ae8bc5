using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Evaluation;

/// <summary>The click simulation on a hand-made model whose answer to every click is known, no network involved.</summary>
public sealed class InteractiveEvaluatorTests : IDisposable
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private readonly HandMadeDataset _data = HandMadeDataset.Create(1);

    public void Dispose() => _data.Dispose();

    [Fact]
    public void EachClickFixesTheWorstCornerAndTheModelRevisesItsWholeVertebra()
    {
        // Corner k (0..15, T1 top-left to T4 bottom-right) starts k + 1 px right of the truth: MRE (1 + ... + 16) / 16.
        // Click 1 gives the 16 px corner (T4's); the model moves all of T4 by that click's 16 px, leaving its
        // corners 3, 2, 1 and 0 px off: (1 + ... + 12 + 6) / 16. Click 2 gives the worst corner left, T3's 12 px one,
        // and T3 goes the same way: (1 + ... + 8 + 6 + 6) / 16. Manual revision moves only the clicked corner:
        // (1 + ... + 15) / 16, then (1 + ... + 14) / 16.
        var requests = new List<IReadOnlyList<CornerHint>>();
        var summary = InteractiveEvaluator.Evaluate((_, _, name) => hints =>
        {
            requests.Add(hints.ToList());
            return Revise(_data.Truth[name], hints);
        }, NoMetadata, _data.Root, clicks: 2);

        Assert.Equal(2, summary.Clicks);
        Assert.Equal([136.0 / 16, 84.0 / 16, 48.0 / 16], summary.ModelErrors[0]);
        Assert.Equal([136.0 / 16, 120.0 / 16, 105.0 / 16], summary.ManualErrors[0]);

        // The hints carry the true position of the worst corner, in the order clicked.
        var truth = _data.Truth.Values.Single();
        Assert.Equal(3, requests.Count);
        Assert.Equal(
            [new CornerHint(VertebraLevel.T4, Corner.BottomRight, truth.Vertebrae[3].BottomRight.X, truth.Vertebrae[3].BottomRight.Y),
             new CornerHint(VertebraLevel.T3, Corner.BottomRight, truth.Vertebrae[2].BottomRight.X, truth.Vertebrae[2].BottomRight.Y)],
            requests[2]);
        Assert.Equal(3, summary.PredictionsByClicks.Count);
        Assert.Equal(0.5, summary.MedianClickSeconds);
    }

    [Fact]
    public void ZeroClicksScoresTheAutomaticPredictionAlone()
    {
        var summary = InteractiveEvaluator.Evaluate((_, _, name) => hints => Revise(_data.Truth[name], hints), NoMetadata, _data.Root, clicks: 0);

        Assert.Equal([136.0 / 16], summary.ModelErrors[0]);
        Assert.Equal([136.0 / 16], summary.ManualErrors[0]);
        Assert.Equal(0, summary.MedianClickSeconds);
    }

    [Fact]
    public void FilmsWhoseLabelsTheSanitizerRepairedAreNamedWithTheirProblems()
    {
        // Two films; the second one's T1 has its top corners given right to left, which the sanitizer re-sorts.
        using var data = HandMadeDataset.Create(2);
        data.SwapTopCornersOfT1(1);

        var summary = InteractiveEvaluator.Evaluate((_, _, name) => hints => Revise(data.Truth[name], hints), NoMetadata, data.Root, clicks: 1);

        Assert.Empty(summary.LabelIssues[0]);
        Assert.Equal([Anatomy.Labels.LabelIssueKind.CornersReordered], summary.LabelIssues[1]);
        Assert.Equal([0], summary.CleanLabelImages);
    }

    /// <summary>
    /// A model that misplaces corner k by k + 1 px to the right, except on a hinted vertebra, which it moves as a
    /// whole by the hinted corner's correction (so its other corners keep their differences).
    /// </summary>
    private static LandmarkPrediction Revise(LandmarkSet truth, IReadOnlyList<CornerHint> hints)
    {
        var vertebrae = truth.Vertebrae.Select((v, index) =>
        {
            var corners = v.CornerArray().Select((p, c) => new Point2(p.X + (4 * index) + c + 1, p.Y)).ToArray();
            if (hints.FirstOrDefault(h => h.Level == v.Level) is { } hint)
            {
                var correction = new Point2(hint.X, hint.Y) - corners[(int)hint.Corner];
                corners = corners.Select(p => p + correction).ToArray();
            }

            return v.WithCorners(corners);
        });
        var landmarks = truth.WithVertebrae(vertebrae);
        return new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0.5);
    }
}
