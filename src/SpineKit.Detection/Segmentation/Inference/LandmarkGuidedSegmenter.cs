using System.Diagnostics;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>
/// The segmentation vote with the landmark stages beside it: the <see cref="LandmarkDetector"/> finds T1..L5 (corner
/// quadrilaterals in original pixels), the <see cref="SegmentationEnsemble"/> votes on the whole film, the
/// <see cref="LandmarkGuide"/> (when given) keeps only the mask near the predicted bodies, and the mask is split into
/// vertebrae named by the landmarks. A film where the landmark stages find no spine keeps the whole-film mask.
/// </summary>
/// <param name="ensemble">The voting models.</param>
/// <param name="detector">The landmark stages (as <c>analyze</c> runs them).</param>
/// <param name="guide">The guide, or null to keep the vote's mask and use the landmarks only to name the bodies.</param>
public sealed class LandmarkGuidedSegmenter(SegmentationEnsemble ensemble, LandmarkDetector detector, LandmarkGuide? guide)
{
    /// <summary>The voting models.</summary>
    public SegmentationEnsemble Ensemble { get; } = ensemble ?? throw new ArgumentNullException(nameof(ensemble));

    /// <summary>The landmark stages.</summary>
    public LandmarkDetector Detector { get; } = detector ?? throw new ArgumentNullException(nameof(detector));

    /// <summary>The guide, or null.</summary>
    public LandmarkGuide? Guide { get; } = guide;

    /// <summary>
    /// Tiles of a spine strip the vote sees instead of the whole film (<see cref="SpineStrip.Plan"/> on the landmarks;
    /// the whole film when they find no spine); null: the whole film. The shipped models were trained on whole films.
    /// </summary>
    public int? StripTiles { get; init; }

    /// <summary>Segments a grey radiograph (values in [0, 1]) at its own size.</summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="postProcessing">Optional clean-up of the vote's mask, applied before the guide.</param>
    /// <param name="mirrorVoting">Also vote on the mirrored image.</param>
    /// <param name="imageName">Name carried into the landmark set.</param>
    public GuidedSegmentation Segment(Image<float> grey, SegmentationPostProcessing? postProcessing = null, bool mirrorVoting = false, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var started = Stopwatch.GetTimestamp();
        var landmarks = FindLandmarks(grey, imageName);
        var landmarkSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var tiles = StripTiles is { } count && landmarks is not null ? SpineStrip.Plan(landmarks, Ensemble.InputWidth, Ensemble.InputHeight, count) : [];
        var vote = tiles.Count > 0 ? Ensemble.SegmentStrip(grey, tiles, postProcessing, mirrorVoting) : Ensemble.Segment(grey, postProcessing, mirrorVoting);
        var guided = Guide is not null && LandmarkGuide.CanGuide(landmarks);
        var mask = guided ? Guide!.Apply(vote.FinalMask, landmarks) : vote.FinalMask;
        var instances = VertebraInstances.Split(mask, landmarks);
        return new GuidedSegmentation(vote, landmarks, mask, guided, instances, landmarkSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The landmark stages' result, or null when they find no spine (the mask then falls back to the whole film's).</summary>
    public LandmarkSet? FindLandmarks(Image<float> grey, string? imageName = null)
    {
        try
        {
            return Detector.Detect(grey, imageName: imageName).Landmarks;
        }
        catch (NoSpineFoundException)
        {
            return null;
        }
    }
}
