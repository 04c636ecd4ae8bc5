using SpineKit.Anatomy;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>The result of <see cref="LandmarkGuidedSegmenter.Segment"/>, at the radiograph's own size.</summary>
/// <param name="Vote">
/// The ensemble's own result (class map, raw and post-processed masks) before the guide; null when it did not run because
/// the guide decided every pixel (<see cref="LandmarkGuide.DecidesEverything"/>, <see cref="LandmarkGuidedSegmenter.VoteWhenDecided"/> false).
/// </param>
/// <param name="Landmarks">What the landmark stages found, or null when they found no spine.</param>
/// <param name="Mask">
/// The body mask to write (0/255): the vote's final mask restricted by the guide (the filled predicted quadrilaterals
/// when the guide decides every pixel), or the vote's final mask itself when
/// there is no guide or the landmark stages found no vertebra of T1..L5 (<see cref="Guided"/> false: the whole-film fallback).
/// </param>
/// <param name="Guided">Whether the guide restricted the mask.</param>
/// <param name="Instances">The mask split into vertebral bodies named from <paramref name="Landmarks"/> (<see cref="VertebraInstances"/>).</param>
/// <param name="LandmarkSeconds">Wall-clock time of the landmark stages (0 when the landmarks were given).</param>
/// <param name="Seconds">Wall-clock time of everything: landmark stages, vote, guide and the split into bodies.</param>
public sealed record GuidedSegmentation(
    SegmentationPrediction? Vote,
    LandmarkSet? Landmarks,
    Image<byte> Mask,
    bool Guided,
    SegmentedVertebrae Instances,
    double LandmarkSeconds,
    double Seconds)
{
    /// <summary>Wall-clock time of the vote (0 when it did not run).</summary>
    public double VoteSeconds => Vote?.Seconds ?? 0;

    /// <summary>The per-vertebra label image (<see cref="LevelLabelImage"/>) of <see cref="Instances"/>.</summary>
    public Image<ushort> LevelLabels() => LevelLabelImage.Render(Instances);
}
