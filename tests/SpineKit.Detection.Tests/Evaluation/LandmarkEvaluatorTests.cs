using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Evaluation;

/// <summary>The evaluator's figures on hand-made predictions whose errors are known, no network involved.</summary>
public sealed class LandmarkEvaluatorTests : IDisposable
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    // Film 0's reference angles and a prediction off by 2, 2 and 0 degrees; film 1 is predicted as a partial view.
    private readonly HandMadeDataset _data = HandMadeDataset.Create(2, [new(10, 20, 30), new(5, 0, 5)]);

    public void Dispose() => _data.Dispose();

    [Fact]
    public void ShiftByThreeAndFourPixelsGivesAMeanRadialErrorOfFive()
    {
        var summary = LandmarkEvaluator.Evaluate((_, _, name) => Predict(HandMadeDataset.Shifted(_data.Truth[name], 3, 4)), NoMetadata, _data.Root);

        Assert.Equal(2, summary.Images.Count);
        Assert.All(summary.Images, image => Assert.Equal(5, image.MeanRadialError, 9));
        Assert.Equal(5, summary.MeanRadialError, 9);

        // The bodies are 30 px wide: a 5 px error is outside 15 % of the width and inside 20 %.
        Assert.Equal(0, summary.Pck.Single(p => Math.Abs(p.Fraction - 0.15) < 1e-9).Percentage);
        Assert.Equal(100, summary.Pck.Single(p => Math.Abs(p.Fraction - 0.20) < 1e-9).Percentage);
        Assert.Equal(0, summary.MissedLevels);
        Assert.Equal(0, summary.InventedLevels);
        Assert.Empty(summary.Failed);
        Assert.Equal(0.25, summary.MedianSeconds);
    }

    [Fact]
    public void TheFiguresAreAlsoGivenOverTheFilmsWhoseLabelsTheSanitizerPassed()
    {
        // Film 1's T1 has its top corners given right to left (the sanitizer re-sorts them); film 0 is predicted 5 px
        // off, film 1 13 px off, so the figures over every film and over the clean one differ.
        using var data = HandMadeDataset.Create(2);
        data.SwapTopCornersOfT1(1);
        var first = data.Truth.Keys.Order(StringComparer.Ordinal).First();

        var summary = LandmarkEvaluator.Evaluate((_, _, name) => Predict(name == first ? HandMadeDataset.Shifted(data.Truth[name], 3, 4) : HandMadeDataset.Shifted(data.Truth[name], 5, 12)), NoMetadata, data.Root);

        Assert.Empty(summary.Images[0].LabelIssues);
        Assert.Equal([Anatomy.Labels.LabelIssueKind.CornersReordered], summary.Images[1].LabelIssues);
        Assert.Equal(9, summary.MeanRadialError, 9);
        var clean = Assert.IsType<LandmarkEvaluationSummary>(summary.CleanLabels);
        Assert.Equal(first, Assert.Single(clean.Images).Name);
        Assert.Equal(5, clean.MeanRadialError, 9);
        Assert.Null(clean.CleanLabels);
    }

    [Fact]
    public void AnglesAreScoredOnTheFilmsThatHaveATripleAndLevelsAreCountedOnTheRest()
    {
        var summary = LandmarkEvaluator.Evaluate((_, _, name) => name.EndsWith("00.png", StringComparison.Ordinal)
            ? Predict(_data.Truth[name], new AngleTriple(12, 18, 30))
            : PartialView(_data.Truth[name]), NoMetadata, _data.Root);

        // SMAPE by hand on film 0 alone: (2 + 2 + 0) / (12 + 18 + 30 + 10 + 20 + 30) = 4 / 120.
        Assert.Equal(100.0 * 4 / 120, summary.Smape, 9);
        Assert.Equal(2, summary.AngleMae.First, 9);
        Assert.Equal(2, summary.AngleMae.Second, 9);
        Assert.Equal(0, summary.AngleMae.Third, 9);
        Assert.Equal(4.0 / 3, summary.CircularMae, 9);
        Assert.Equal(1, summary.ImagesWithoutAngles);

        // Film 1: T4 missed, T5 invented; the three matched levels are exact, so the corners' error stays 0.
        Assert.Equal(1, summary.MissedLevels);
        Assert.Equal(1, summary.InventedLevels);
        Assert.Equal(1, summary.ImagesWithInventedLevels);
        Assert.Equal(0, summary.MeanRadialError, 9);
    }

    [Fact]
    public void ValidationSplitNeedsTheSplitRecordedInTheModel()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            LandmarkEvaluator.Evaluate((_, _, name) => Predict(_data.Truth[name]), NoMetadata, _data.Root, EvaluationSplit.Validation));
        Assert.Contains("split_seed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A prediction of <paramref name="landmarks"/> whose challenge triple is <paramref name="angles"/> when given.</summary>
    private static LandmarkPrediction Predict(LandmarkSet landmarks, AngleTriple? angles = null)
    {
        var cobb = CobbAnalysis.Analyze(landmarks);
        if (angles is { } triple)
        {
            cobb = cobb with { Challenge = cobb.Challenge! with { Angles = triple } };
        }

        return new LandmarkPrediction(landmarks, cobb, 0.25);
    }

    /// <summary>T1-T3 exact, T4 left out, a T5 one body lower invented; no challenge triple, as for a partial view.</summary>
    private static LandmarkPrediction PartialView(LandmarkSet truth)
    {
        var t4 = truth.Vertebrae[^1];
        var t5 = HandMadeDataset.Shifted(truth.WithVertebrae([t4]), 0, 34).Vertebrae[0].WithLevel(VertebraLevel.T5);
        var landmarks = truth.WithVertebrae(truth.Vertebrae.Take(3).Append(t5));
        return new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks) with { Challenge = null }, 0.25);
    }
}
