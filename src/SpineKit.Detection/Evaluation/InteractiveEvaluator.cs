using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;

namespace SpineKit.Detection.Evaluation;

/// <summary>
/// Simulates a clinician correcting predictions: after the automatic prediction, each click gives the
/// model the true position of the corner that is currently worst (never one already given) and the model
/// re-predicts. The same clicks applied without re-prediction ("manual revision", only the clicked
/// corner moves, always fixing that result's worst corner) give the baseline.
/// </summary>
public static class InteractiveEvaluator
{
    /// <summary>Runs <paramref name="clicks"/> simulated clicks on every selected image of a dataset.</summary>
    public static InteractiveEvaluationSummary Evaluate(InteractiveRefiner refiner, string datasetDirectory, int clicks, EvaluationSplit split = EvaluationSplit.All, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(refiner);
        return Evaluate(
            (grey, spacing, name) =>
            {
                // The film is resized once; each click is one network pass with the hints so far.
                var prepared = refiner.Prepare(grey, spacing, name);
                return hints => refiner.Refine(prepared, hints);
            },
            refiner.Detector.Model.Metadata,
            datasetDirectory,
            clicks,
            split,
            progress);
    }

    /// <summary>
    /// Runs the click simulation on whatever <paramref name="prepare"/> predicts: the simulation without a network,
    /// so tests can feed hand-made models whose answers to each click are known.
    /// </summary>
    /// <param name="prepare">Prepares one film (grey image, pixel spacing, file name) and returns its prediction for a list of hints.</param>
    /// <param name="modelMetadata">The model's metadata, which records its validation split.</param>
    /// <param name="datasetDirectory">Folder with <c>images/</c> and <c>labels/</c>.</param>
    /// <param name="clicks">Clicks per image.</param>
    /// <param name="split">Which images.</param>
    /// <param name="progress">Receives (done, total) after each image.</param>
    internal static InteractiveEvaluationSummary Evaluate(
        Func<Image<float>, Anatomy.Geometry.PixelSpacing?, string, Func<IReadOnlyList<CornerHint>, LandmarkPrediction>> prepare,
        IReadOnlyDictionary<string, string> modelMetadata,
        string datasetDirectory,
        int clicks,
        EvaluationSplit split = EvaluationSplit.All,
        IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(modelMetadata);
        ArgumentOutOfRangeException.ThrowIfNegative(clicks);
        var dataset = ChallengeDataset.Load(datasetDirectory);
        var entries = DatasetSelection.Select(dataset.Entries, split, modelMetadata);
        var names = new List<string>();
        var modelErrors = new List<IReadOnlyList<double>>();
        var manualErrors = new List<IReadOnlyList<double>>();
        var predictions = Enumerable.Range(0, clicks + 1).Select(_ => new List<LandmarkSet>()).ToArray();
        var clickSeconds = new List<double>();
        var labelIssues = new List<IReadOnlyList<LabelIssueKind>>();
        foreach (var entry in entries)
        {
            var path = dataset.ImagePath(entry) ?? throw new FileNotFoundException($"image of {entry.FileName} not found");
            var image = ImageReader.Read(path);
            var grey = image.ToGrayscale();
            var sanitized = LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height)));
            var truth = sanitized.Landmarks;
            var refine = prepare(grey, RadiographSpacing.Of(image), entry.FileName);

            var hints = new List<CornerHint>();
            var current = refine(hints).Landmarks;
            var automatic = current;
            var errors = new List<double> { LandmarkMetrics.MeanRadialError(current, truth) };
            predictions[0].Add(current);
            for (var k = 1; k <= clicks; k++)
            {
                hints.Add(WorstCorner(current, truth, hints));
                var refined = refine(hints);
                clickSeconds.Add(refined.Seconds);
                current = refined.Landmarks;
                errors.Add(LandmarkMetrics.MeanRadialError(current, truth));
                predictions[k].Add(current);
            }

            names.Add(entry.FileName);
            labelIssues.Add(sanitized.IssueKinds);
            modelErrors.Add(errors);
            manualErrors.Add(ManualRevision(automatic, truth, clicks));
            progress?.Report((names.Count, entries.Count));
        }

        return new InteractiveEvaluationSummary(names, modelErrors, manualErrors, predictions, clickSeconds.Count == 0 ? 0 : Statistics.Median(clickSeconds))
        {
            LabelIssues = labelIssues,
        };
    }

    /// <summary>The corner with the largest error that has not been clicked yet, as a hint at its true position.</summary>
    internal static CornerHint WorstCorner(LandmarkSet prediction, LandmarkSet truth, IReadOnlyCollection<CornerHint> given)
    {
        var worst = CornerPair.Match(prediction, truth)
            .Where(p => !given.Any(h => h.Level == p.Level && h.Corner == p.Corner))
            .MaxBy(p => p.RadialError);
        return new CornerHint(worst.Level, worst.Corner, worst.Truth.X, worst.Truth.Y);
    }

    private static List<double> ManualRevision(LandmarkSet automatic, LandmarkSet truth, int clicks)
    {
        var current = automatic;
        var given = new List<CornerHint>();
        var errors = new List<double> { LandmarkMetrics.MeanRadialError(current, truth) };
        for (var k = 1; k <= clicks; k++)
        {
            var hint = WorstCorner(current, truth, given);
            given.Add(hint);
            current = current.WithVertebrae(current.Vertebrae.Select(v =>
            {
                if (v.Level != hint.Level)
                {
                    return v;
                }

                var corners = v.CornerArray();
                corners[(int)hint.Corner] = new Point2(hint.X, hint.Y);
                return v.WithCorners(corners);
            }));
            errors.Add(LandmarkMetrics.MeanRadialError(current, truth));
        }

        return errors;
    }
}
