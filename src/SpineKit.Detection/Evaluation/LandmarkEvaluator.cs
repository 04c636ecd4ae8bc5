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
    public static LandmarkEvaluationSummary Evaluate(LandmarkDetector detector, string datasetDirectory, EvaluationSplit split = EvaluationSplit.All, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var dataset = ChallengeDataset.Load(datasetDirectory);
        var entries = DatasetSelection.Select(dataset.Entries, split, detector.Model.Metadata);
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
                var grey = image.ToGrayscale();
                var prediction = detector.Detect(grey, RadiographSpacing.Of(image), imageName: entry.FileName);
                var truth = LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height))).Landmarks;
                var referenceAngles = entry.Angles ?? ChallengeCobb.Compute(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height))).Angles;
                var angles = prediction.Cobb.Challenge?.Angles ?? new AngleTriple(double.NaN, double.NaN, double.NaN);
                results.Add(new EvaluatedImage(entry.FileName, path, prediction, truth, referenceAngles, angles, LandmarkMetrics.MeanRadialError(prediction.Landmarks, truth)));
            }
            catch (Exception exception) when (exception is ImageFormatException or IOException or InvalidDataException or LabelFormatException)
            {
                failed.Add((entry.FileName, exception.Message));
            }

            progress?.Report((results.Count + failed.Count, entries.Count));
        }

        if (results.Count == 0)
        {
            throw new InvalidDataException($"No image of {datasetDirectory} could be evaluated ({failed.Count} failed).");
        }

        var predicted = results.Select(r => r.Prediction.Landmarks).ToList();
        var truths = results.Select(r => r.Truth).ToList();
        var predictedAngles = results.Select(r => r.PredictedAngles).ToList();
        var truthAngles = results.Select(r => r.TruthAngles).ToList();
        return new LandmarkEvaluationSummary(
            results,
            failed,
            AngleMetrics.Smape(predictedAngles, truthAngles),
            AngleMetrics.MeanAbsoluteError(predictedAngles, truthAngles),
            AngleMetrics.CircularMeanAbsoluteError(predictedAngles, truthAngles),
            LandmarkMetrics.MeanRadialError(predicted, truths),
            LandmarkMetrics.MeanRadialErrorMillimetres(predicted, truths),
            LandmarkMetrics.PckCurve(predicted, truths),
            Statistics.Median(results.Select(r => r.Prediction.Seconds)));
    }
}
