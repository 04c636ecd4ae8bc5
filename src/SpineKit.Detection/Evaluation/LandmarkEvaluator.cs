using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Training;
using SpineKit.Imaging;

namespace SpineKit.Detection.Evaluation;

/// <summary>
/// Runs the full analysis pipeline (decode, detect, measure) on every labelled image of a dataset and
/// scores it against the labels and the dataset's angles: the figures the landmark issue is judged by.
/// </summary>
public static class LandmarkEvaluator
{
    /// <summary>Evaluates <paramref name="detector"/> on <paramref name="datasetDirectory"/>.</summary>
    /// <param name="detector">The detector to score.</param>
    /// <param name="datasetDirectory">Folder with <c>images/</c> and <c>labels/</c>.</param>
    /// <param name="split">Which images; the split seed and fraction come from the model's metadata.</param>
    /// <param name="progress">Receives (done, total) after each image.</param>
    /// <param name="view">The field of view the films are shown in; partial views are scored over the levels they show (no challenge angles).</param>
    /// <param name="surroundings">Full-spine films whose held-out half surrounds the zoomed-out views.</param>
    public static LandmarkEvaluationSummary Evaluate(LandmarkDetector detector, string datasetDirectory, EvaluationSplit split = EvaluationSplit.All, IProgress<(int Done, int Total)>? progress = null, EvaluationView view = EvaluationView.Usual, FullSpineDataset? surroundings = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return Evaluate((grey, spacing, name) => detector.Detect(grey, spacing, imageName: name), detector.Model.Metadata, datasetDirectory, split, progress, view, surroundings);
    }

    /// <summary>
    /// Evaluates whatever <paramref name="detect"/> predicts: the scoring without a network, so tests can feed
    /// hand-made predictions with known errors.
    /// </summary>
    /// <param name="detect">Predicts one film (grey image, pixel spacing, file name).</param>
    /// <param name="modelMetadata">The model's metadata, which records its validation split.</param>
    /// <param name="datasetDirectory">Folder with <c>images/</c> and <c>labels/</c>.</param>
    /// <param name="split">Which images.</param>
    /// <param name="progress">Receives (done, total) after each image.</param>
    /// <param name="view">The field of view the films are shown in.</param>
    /// <param name="surroundings">Full-spine films whose held-out half surrounds the zoomed-out views.</param>
    internal static LandmarkEvaluationSummary Evaluate(Func<Image<float>, Anatomy.Geometry.PixelSpacing?, string, LandmarkPrediction> detect, IReadOnlyDictionary<string, string> modelMetadata, string datasetDirectory, EvaluationSplit split = EvaluationSplit.All, IProgress<(int Done, int Total)>? progress = null, EvaluationView view = EvaluationView.Usual, FullSpineDataset? surroundings = null)
    {
        ArgumentNullException.ThrowIfNull(detect);
        ArgumentNullException.ThrowIfNull(modelMetadata);
        var hosts = EvaluationViews.NeedsSurroundings(view)
            ? (surroundings ?? throw new ArgumentNullException(nameof(surroundings), "Zoomed-out views need full-spine films for the surroundings.")).EvaluationFilms
            : [];
        var dataset = ChallengeDataset.Load(datasetDirectory);
        var entries = DatasetSelection.Select(dataset.Entries, split, modelMetadata);
        var results = new List<EvaluatedImage>();
        var failed = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var path = dataset.ImagePath(entry);
            try
            {
                if (path is null || !File.Exists(path))
                {
                    throw new FileNotFoundException("image file not found");
                }

                var image = ImageReader.Read(path);
                var original = image.ToGrayscale();
                var given = entry.ToLandmarkSet(new ImageSize(original.Width, original.Height));
                var sanitized = LabelSanitizer.Sanitize(given);
                var labelled = new LandmarkSet(sanitized.Landmarks.Size, sanitized.Landmarks.Vertebrae, RadiographSpacing.Of(image), entry.FileName);

                // The held-out half of the full-spine films, one per film in turn (never the half training saw).
                var host = hosts.Count > 0 ? hosts[results.Count % hosts.Count] : null;
                var (grey, truth) = EvaluationViews.Make(view, original, labelled, host);
                var prediction = detect(grey, truth.Spacing, entry.FileName);
                var referenceAngles = view == EvaluationView.Usual || EvaluationViews.NeedsSurroundings(view)
                    ? entry.Angles ?? ChallengeCobb.Compute(given).Angles
                    : new AngleTriple(double.NaN, double.NaN, double.NaN);
                var angles = prediction.Cobb.Challenge?.Angles ?? new AngleTriple(double.NaN, double.NaN, double.NaN);
                results.Add(new EvaluatedImage(entry.FileName, path, prediction, truth, referenceAngles, angles, LandmarkMetrics.MeanRadialError(prediction.Landmarks, truth))
                {
                    DroppedLevels = sanitized.DroppedLevels,
                    LabelIssues = sanitized.IssueKinds,
                    ViewSource = view == EvaluationView.Usual ? null : new EvaluationViewSource(view, labelled, host),
                });
            }
            catch (Exception exception) when (exception is ImageFormatException or IOException or InvalidDataException or LabelFormatException or NoSpineFoundException)
            {
                failed.Add((entry.FileName, exception.Message));
            }

            progress?.Report((results.Count + failed.Count, entries.Count));
        }

        if (results.Count == 0)
        {
            throw new InvalidDataException($"No image of {datasetDirectory} could be evaluated ({failed.Count} failed).");
        }

        // Beside the figures, not instead of them: the films whose labels the sanitizer passed.
        var clean = results.Where(r => r.LabelIssues.Count == 0).ToList();
        return Summarize(results, failed, view) with { CleanLabels = clean.Count > 0 ? Summarize(clean, [], view) : null };
    }

    /// <summary>The figures over <paramref name="results"/>.</summary>
    private static LandmarkEvaluationSummary Summarize(List<EvaluatedImage> results, IReadOnlyList<(string Name, string Reason)> failed, EvaluationView view)
    {
        var predicted = results.Select(r => r.Prediction.Landmarks).ToList();
        var truths = results.Select(r => r.Truth).ToList();
        // Images whose result has no challenge triple (reported as a partial view) are left out of the angle
        // figures and counted in ImagesWithoutAngles.
        var measured = results.Where(r => double.IsFinite(r.TruthAngles.First) && double.IsFinite(r.PredictedAngles.First)).ToList();
        var predictedAngles = measured.Select(r => r.PredictedAngles).ToList();
        var truthAngles = measured.Select(r => r.TruthAngles).ToList();
        var invented = results.Select(r => r.InventedLevels.Count).ToList();
        var missed = results.Select(r => r.MissedLevels.Count).ToList();
        var noAngles = new AngleTriple(double.NaN, double.NaN, double.NaN);
        var withSpread = measured.Where(r => r.Prediction.Uncertainty?.Challenge is not null).ToList();
        double RankCorrelation(int angle) => Statistics.Spearman(
            withSpread.Select(r => r.Prediction.Uncertainty!.Challenge!.Value[angle]).ToList(),
            withSpread.Select(r => Math.Abs(r.PredictedAngles[angle] - r.TruthAngles[angle])).ToList());
        static double MeanAngleError(EvaluatedImage r) => Enumerable.Range(0, AngleTriple.Count).Average(k => Math.Abs(r.PredictedAngles[k] - r.TruthAngles[k]));
        (int, double) Group(bool flagged)
        {
            var group = withSpread.Where(r => r.Prediction.Uncertainty!.IsUncertain == flagged).ToList();
            return (group.Count, group.Count > 0 ? group.Average(MeanAngleError) : double.NaN);
        }

        return new LandmarkEvaluationSummary(
            results,
            failed,
            measured.Count > 0 ? AngleMetrics.Smape(predictedAngles, truthAngles) : double.NaN,
            measured.Count > 0 ? AngleMetrics.MeanAbsoluteError(predictedAngles, truthAngles) : noAngles,
            measured.Count > 0 ? AngleMetrics.CircularMeanAbsoluteError(predictedAngles, truthAngles) : double.NaN,
            LandmarkMetrics.MeanRadialError(predicted, truths),
            LandmarkMetrics.MeanRadialErrorMillimetres(predicted, truths),
            LandmarkMetrics.PckCurve(predicted, truths),
            Statistics.Median(results.Select(r => r.Prediction.Seconds)))
        {
            View = view,
            InventedLevels = invented.Sum(),
            ImagesWithInventedLevels = invented.Count(n => n > 0),
            MissedLevels = missed.Sum(),
            ImagesWithLabelsInDoubt = results.Count(r => r.Prediction.LabelsInDoubt),
            ImagesWithoutAngles = results.Count(r => double.IsFinite(r.TruthAngles.First) && !double.IsFinite(r.PredictedAngles.First)),
            UncertaintyRankCorrelation = new AngleTriple(RankCorrelation(0), RankCorrelation(1), RankCorrelation(2)),
            FlaggedAngles = Group(flagged: true),
            UnflaggedAngles = Group(flagged: false),
        };
    }
}
