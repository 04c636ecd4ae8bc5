using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>
/// Scores an ensemble on a labelled dataset: the truth is the body class rendered from the sanitised
/// corner labels at the radiograph's own size (<see cref="SegmentationMasks"/>), the prediction the vote
/// resized to that size. <see cref="EvaluationSplit.Validation"/> picks the held-out images recorded in
/// the first model's metadata (the landmark model's split), which no fold trained on.
/// </summary>
public static class SegmentationEvaluator
{
    /// <summary>Evaluates every selected image; unreadable images are listed in <see cref="SegmentationEvaluationSummary.Failed"/>.</summary>
    /// <param name="ensemble">The voting models.</param>
    /// <param name="datasetDirectory">Folder with images/ and labels/.</param>
    /// <param name="split">Which images to score.</param>
    /// <param name="postProcessing">Also score post-processed masks.</param>
    /// <param name="progress">Images done so far.</param>
    /// <param name="mirrorVoting">Let every model also vote on the mirrored image.</param>
    public static SegmentationEvaluationSummary Evaluate(
        SegmentationEnsemble ensemble,
        string datasetDirectory,
        EvaluationSplit split = EvaluationSplit.All,
        SegmentationPostProcessing? postProcessing = null,
        IProgress<(int Done, int Total)>? progress = null,
        bool mirrorVoting = false)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var dataset = ChallengeDataset.Load(datasetDirectory);
        var entries = DatasetSelection.Select(dataset.Entries, split, ensemble.Models[0].Metadata);
        var scores = new List<SegmentationImageScore>();
        var failed = new List<(string, string)>();
        foreach (var entry in entries)
        {
            try
            {
                var path = dataset.ImagePath(entry);
                if (path is null || !File.Exists(path))
                {
                    throw new FileNotFoundException("image file not found");
                }

                var grey = ImageReader.Read(path).ToGrayscale();
                var truthLabels = LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height))).Landmarks;
                var truth = SegmentationMasks.BodyMask(SegmentationMasks.Render(truthLabels)).Pixels;
                var prediction = ensemble.Segment(grey, postProcessing, mirrorVoting);
                var processed = prediction.PostProcessedMask?.Pixels;
                scores.Add(new SegmentationImageScore(
                    entry.FileName,
                    SegmentationMetrics.Dice(prediction.BodyMask.Pixels, truth),
                    SegmentationMetrics.IntersectionOverUnion(prediction.BodyMask.Pixels, truth),
                    processed is null ? null : SegmentationMetrics.Dice(processed, truth),
                    processed is null ? null : SegmentationMetrics.IntersectionOverUnion(processed, truth),
                    prediction.Seconds));
            }
            catch (Exception exception) when (exception is ImageFormatException or IOException or InvalidDataException or LabelFormatException or NoSpineFoundException)
            {
                failed.Add((entry.FileName, exception.Message));
            }

            progress?.Report((scores.Count + failed.Count, entries.Count));
        }

        return scores.Count > 0
            ? new SegmentationEvaluationSummary(scores, failed)
            : throw new InvalidDataException($"No image of {datasetDirectory} could be evaluated ({failed.Count} failed).");
    }
}
