using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>
/// Scores an ensemble on a labelled dataset: the truth is the body class rendered from the sanitised
/// corner labels at the radiograph's own size (<see cref="SegmentationMasks"/>), the prediction the vote
/// resized to that size. <see cref="EvaluationSplit.Validation"/> picks the held-out images recorded in
/// the first model's metadata (the landmark model's split), which no fold trained on. With a landmark detector the
/// landmark stages run beside the vote (<see cref="LandmarkGuidedSegmenter"/>): the masks are then restricted by the
/// guide when one is given, the filled predicted quadrilaterals are scored for reference, and the final mask is split
/// into named bodies scored level by level.
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
    /// <param name="detector">The landmark stages, or null to score the vote alone.</param>
    /// <param name="guide">The landmark guide (needs <paramref name="detector"/>), or null.</param>
    /// <param name="sweep">Guides to score side by side on the same votes and landmarks (needs <paramref name="detector"/>): for choosing margins.</param>
    /// <param name="stripTiles">Let the vote see that many tiles of a spine strip instead of the whole film (needs <paramref name="detector"/>); null: the count the models were trained on (<see cref="SegmentationEnsemble.StripTiles"/>), whole films for whole-film models.</param>
    /// <param name="half">1 or 2: only that half of the selected images (sorted by name, dealt alternately), so margins chosen on one half can be reported on the other.</param>
    public static SegmentationEvaluationSummary Evaluate(
        SegmentationEnsemble ensemble,
        string datasetDirectory,
        EvaluationSplit split = EvaluationSplit.All,
        SegmentationPostProcessing? postProcessing = null,
        IProgress<(int Done, int Total)>? progress = null,
        bool mirrorVoting = false,
        LandmarkDetector? detector = null,
        LandmarkGuide? guide = null,
        IReadOnlyList<LandmarkGuide>? sweep = null,
        int? half = null,
        int? stripTiles = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        stripTiles ??= ensemble.StripTiles;
        if (detector is null && (guide is not null || sweep is { Count: > 0 } || stripTiles is not null))
        {
            throw new ArgumentException("A landmark guide or a spine strip needs the landmark stages.", nameof(detector));
        }

        if (half is not (null or 1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(half), half, "The half is 1 or 2.");
        }

        var dataset = ChallengeDataset.Load(datasetDirectory);
        var entries = DatasetSelection.Select(dataset.Entries, split, ensemble.Models[0].Metadata);
        if (half is { } h)
        {
            entries = Half(entries, h);
        }

        var segmenter = detector is null ? null : new LandmarkGuidedSegmenter(ensemble, detector, guide) { StripTiles = stripTiles, VoteWhenDecided = true };
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
                var sanitized = LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height)));
                var truthLabels = sanitized.Landmarks;
                var issues = sanitized.IssueKinds;
                var truth = SegmentationMasks.BodyMask(SegmentationMasks.Render(truthLabels)).Pixels;
                if (segmenter is null)
                {
                    var prediction = ensemble.Segment(grey, postProcessing, mirrorVoting);
                    var processed = prediction.PostProcessedMask?.Pixels;
                    scores.Add(new SegmentationImageScore(
                        entry.FileName,
                        SegmentationMetrics.Dice(prediction.BodyMask.Pixels, truth),
                        SegmentationMetrics.IntersectionOverUnion(prediction.BodyMask.Pixels, truth),
                        processed is null ? null : SegmentationMetrics.Dice(processed, truth),
                        processed is null ? null : SegmentationMetrics.IntersectionOverUnion(processed, truth),
                        prediction.Seconds)
                    {
                        LabelIssues = issues,
                    });
                }
                else
                {
                    scores.Add(ScoreGuided(segmenter, grey, entry.FileName, truth, truthLabels, postProcessing, mirrorVoting, sweep) with { LabelIssues = issues });
                }
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

    /// <summary>The images of <paramref name="half"/> (1 or 2): sorted by name, the first, third, ... or the second, fourth, ...</summary>
    internal static List<ChallengeEntry> Half(IEnumerable<ChallengeEntry> entries, int half) =>
        entries.OrderBy(e => e.FileName, StringComparer.Ordinal).Where((_, index) => index % 2 == half - 1).ToList();

    private static SegmentationImageScore ScoreGuided(
        LandmarkGuidedSegmenter segmenter,
        Image<float> grey,
        string name,
        byte[] truth,
        Anatomy.LandmarkSet truthLabels,
        SegmentationPostProcessing? postProcessing,
        bool mirrorVoting,
        IReadOnlyList<LandmarkGuide>? sweep)
    {
        var result = segmenter.Segment(grey, postProcessing, mirrorVoting, name);
        var vote = result.Vote ?? throw new InvalidOperationException("The evaluation reports the vote alone: its segmenter must run the vote on every film.");
        var guide = segmenter.Guide;
        var landmarks = result.Landmarks;

        // Without post-processing the final mask is the guided raw vote; with it, the raw vote is guided here as well.
        var raw = guide is null ? vote.BodyMask : postProcessing is null ? result.Mask : guide.Apply(vote.BodyMask, landmarks);
        var processed = postProcessing is null ? null : result.Mask.Pixels;
        var truthLevels = LevelLabelImage.Render(truthLabels);
        var quadrilaterals = landmarks is null
            ? new byte[truth.Length]
            : SegmentationMasks.BodyMask(SegmentationMasks.Render(landmarks.WithVertebrae(LandmarkGuide.GuideVertebrae(landmarks)))).Pixels;
        return new SegmentationImageScore(
            name,
            SegmentationMetrics.Dice(raw.Pixels, truth),
            SegmentationMetrics.IntersectionOverUnion(raw.Pixels, truth),
            processed is null ? null : SegmentationMetrics.Dice(processed, truth),
            processed is null ? null : SegmentationMetrics.IntersectionOverUnion(processed, truth),
            result.Seconds)
        {
            UnguidedDice = guide is null ? null : SegmentationMetrics.Dice(vote.BodyMask.Pixels, truth),
            LandmarkDice = SegmentationMetrics.Dice(quadrilaterals, truth),
            Guided = guide is null ? null : result.Guided,
            LevelDice = LevelDice.Measure(result.LevelLabels().Pixels, truthLevels.Pixels),
            MatchedLevelDice = LevelDice.MeasureMatched(result.Instances.Labels, truthLevels.Pixels),
            SweepDice = sweep?.Select(g => SegmentationMetrics.Dice(g.Apply(vote.FinalMask, landmarks).Pixels, truth)).ToList(),
        };
    }
}
