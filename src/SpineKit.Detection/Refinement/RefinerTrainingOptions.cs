using SpineKit.Detection.Inference;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Refinement;

/// <summary>Everything a <see cref="RefinerTrainer"/> run needs.</summary>
public sealed record RefinerTrainingOptions : TrainingRunOptions
{
    /// <summary>
    /// Options with this stage's defaults: 40 epochs of 16 crops, and the last epoch's model is kept. The validation
    /// error of refined films is dominated by the first stages' level slips, which no crop can undo, so it barely moves
    /// between epochs and would pick a best epoch by noise; the end of the cosine schedule is the better choice.
    /// </summary>
    public RefinerTrainingOptions()
        : base(DefaultEpochs, DefaultBatchSize)
    {
        KeepLastEpoch = true;
    }

    /// <summary>The default <see cref="TrainingRunOptions.Epochs"/> (the shipped refiner's).</summary>
    public const int DefaultEpochs = 40;

    /// <summary>The default <see cref="TrainingRunOptions.BatchSize"/>, in crops.</summary>
    public const int DefaultBatchSize = 16;

    /// <summary>
    /// The first stages (locator and corner model) whose errors the refiner learns to undo: their frame errors on
    /// the training films set the crops' jitter, and their results on the validation films are what is refined
    /// when validating.
    /// </summary>
    public required LandmarkDetector Detector { get; init; }

    /// <summary>The network and crop design.</summary>
    public CornerRefinerConfig Network { get; init; } = CornerRefinerConfig.Default;

    /// <summary>
    /// Factors by which a measured frame error is scaled before it jitters a crop (drawn uniformly): the first
    /// stages err less on the films they were trained on than on new films, and the refiner must cover the latter.
    /// </summary>
    public (double Min, double Max) JitterScale { get; init; } = (0.75, 2.0);
}
