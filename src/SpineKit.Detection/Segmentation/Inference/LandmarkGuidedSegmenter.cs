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
/// vertebrae named by the landmarks. A film where the landmark stages find no spine keeps the whole-film mask. When the
/// guide decides every pixel (<see cref="LandmarkGuide.DecidesEverything"/>, the default guide) the vote changes nothing
/// on a film with a spine found, and with <see cref="VoteWhenDecided"/> false it is not run there.
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
    /// the whole film when they find no spine); null: the whole film. By default the count the models were trained on
    /// (<see cref="SegmentationEnsemble.StripTiles"/>); the shipped models were trained on whole films.
    /// </summary>
    public int? StripTiles { get; init; } = ensemble?.StripTiles;

    /// <summary>
    /// Run the vote also on films where the guide decides every pixel (default; <c>evaluate segmentation</c> reports
    /// the vote alone beside the guided figure, <c>segment --overlay</c> its agreement with the landmarks). False skips
    /// it there (<see cref="GuidedSegmentation.Vote"/> null), as <c>segment</c> does: the mask is the same. The vote
    /// always runs where the landmark stages find no spine (the whole-film fallback) or the guide leaves it a say.
    /// </summary>
    public bool VoteWhenDecided { get; init; } = true;

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
        var result = SegmentWithLandmarks(grey, landmarks, postProcessing, mirrorVoting);
        return result with { LandmarkSeconds = landmarkSeconds, Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds };
    }

    /// <summary>
    /// Segments a grey radiograph with landmarks found beforehand (<see cref="FindLandmarks"/>, or an analysis of the
    /// same film at its own size); null landmarks: no spine found, the whole-film fallback.
    /// </summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="landmarks">The landmark stages' result in the radiograph's pixels, or null.</param>
    /// <param name="postProcessing">Optional clean-up of the vote's mask, applied before the guide.</param>
    /// <param name="mirrorVoting">Also vote on the mirrored image.</param>
    public GuidedSegmentation SegmentWithLandmarks(Image<float> grey, LandmarkSet? landmarks, SegmentationPostProcessing? postProcessing = null, bool mirrorVoting = false)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (landmarks is not null && (landmarks.Size.Width != grey.Width || landmarks.Size.Height != grey.Height))
        {
            throw new ArgumentException($"The landmarks belong to a {landmarks.Size.Width}x{landmarks.Size.Height} image, the radiograph is {grey.Width}x{grey.Height}.", nameof(landmarks));
        }

        var started = Stopwatch.GetTimestamp();
        var guided = Guide is not null && LandmarkGuide.CanGuide(landmarks);
        var vote = guided && Guide!.DecidesEverything && !VoteWhenDecided ? null : Vote(grey, landmarks, postProcessing, mirrorVoting);

        // A guide that decides every pixel ignores the mask it is given: an empty one stands for the vote not run.
        var mask = guided ? Guide!.Apply(vote?.FinalMask ?? new Image<byte>(grey.Width, grey.Height), landmarks) : vote!.FinalMask;
        var instances = VertebraInstances.Split(mask, landmarks);
        return new GuidedSegmentation(vote, landmarks, mask, guided, instances, 0, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The ensemble's vote, on the spine strip's tiles when <see cref="StripTiles"/> is set and the landmarks plan some, else on the whole film.</summary>
    private SegmentationPrediction Vote(Image<float> grey, LandmarkSet? landmarks, SegmentationPostProcessing? postProcessing, bool mirrorVoting)
    {
        var tiles = StripTiles is { } count && landmarks is not null ? SpineStrip.Plan(landmarks, Ensemble.InputWidth, Ensemble.InputHeight, count) : [];
        return tiles.Count > 0 ? Ensemble.SegmentStrip(grey, tiles, postProcessing, mirrorVoting) : Ensemble.Segment(grey, postProcessing, mirrorVoting);
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
