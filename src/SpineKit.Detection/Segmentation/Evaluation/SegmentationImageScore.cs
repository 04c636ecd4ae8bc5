using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>The scores of one image; the post-processed ones are present when post-processing was asked for.</summary>
/// <param name="Name">Image file name.</param>
/// <param name="Dice">Body Dice of the mask (the raw vote, restricted by the landmark guide when one was given) against the rendered labels, at the original size.</param>
/// <param name="IoU">Body intersection over union of the same mask.</param>
/// <param name="PostProcessedDice">Body Dice after post-processing (and the guide, when given).</param>
/// <param name="PostProcessedIoU">Body IoU after post-processing (and the guide, when given).</param>
/// <param name="Seconds">Segmentation time (excluding decoding; including the landmark stages when they ran).</param>
public sealed record SegmentationImageScore(string Name, double Dice, double IoU, double? PostProcessedDice, double? PostProcessedIoU, double Seconds)
{
    /// <summary>Dice of the raw vote without the guide, when a guide was given.</summary>
    public double? UnguidedDice { get; init; }

    /// <summary>Dice of the predicted corner quadrilaterals filled (T1..L5, no network mask), when the landmark stages ran; 0 when they found no spine.</summary>
    public double? LandmarkDice { get; init; }

    /// <summary>Whether the guide restricted the mask (false: no guide, or the whole-film fallback); null when the landmark stages did not run.</summary>
    public bool? Guided { get; init; }

    /// <summary>
    /// Per-vertebra Dice of the final mask split into named bodies (<see cref="PostProcessing.VertebraInstances"/>) against
    /// each labelled level's filled quadrilateral, for every level the labels hold; present when the landmark stages ran.
    /// </summary>
    public IReadOnlyDictionary<VertebraLevel, double>? LevelDice { get; init; }

    /// <summary>Per-vertebra Dice with the names left out (<see cref="Evaluation.LevelDice.MeasureMatched"/>); present when the landmark stages ran.</summary>
    public IReadOnlyDictionary<VertebraLevel, double>? MatchedLevelDice { get; init; }

    /// <summary>The kinds of label problem the <see cref="LabelSanitizer"/> found in the film's labels (empty for clean labels).</summary>
    public IReadOnlyList<LabelIssueKind> LabelIssues { get; init; } = [];

    /// <summary>Dice of the final mask under each guide of the sweep, in the sweep's order, when a sweep was asked for.</summary>
    public IReadOnlyList<double>? SweepDice { get; init; }
}
