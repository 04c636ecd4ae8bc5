using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;

namespace SpineKit.Detection.Inference;

/// <summary>
/// What the detector found on one radiograph: every level with its four corners in original-image
/// pixels (confidence 0 marks a vertebra inferred from its neighbours rather than seen), and the Cobb
/// analysis of those landmarks (the challenge's triple and the clinical curve report).
/// </summary>
/// <param name="Landmarks">Vertebrae in anatomical order, original pixels.</param>
/// <param name="Cobb">Angles computed from <paramref name="Landmarks"/>.</param>
/// <param name="Seconds">Wall-clock time of the detection (network and decoding), for reporting.</param>
public sealed record LandmarkPrediction(LandmarkSet Landmarks, CobbAnalysisResult Cobb, double Seconds)
{
    /// <summary>
    /// True when the same vertebrae labelled one level up or down score almost as well, or (where the corner model ran on
    /// the whole film) the first or last vertebra's own crop does not support its name: check the level labels. A
    /// prediction re-made around a user's non-local correction does not carry it: the clicked level names the chain.
    /// </summary>
    public bool LabelsInDoubt { get; init; }

    /// <summary>
    /// How far each angle moves between the corner model's corners and the refiner's (null without a refiner): the
    /// per-angle uncertainty reported next to each angle, and the "check the angles" flag.
    /// </summary>
    public AngleUncertainty? Uncertainty { get; init; }

    /// <summary>
    /// The level classifier's probability of each vertebra's name (<see cref="LevelNaming.LevelNamingResult.LevelConfidence"/>),
    /// by level; null without a level classifier (or after a correction, which names the chain by the user's clicks).
    /// </summary>
    public IReadOnlyDictionary<VertebraLevel, double>? LevelConfidence { get; init; }
}
