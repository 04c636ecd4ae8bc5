using SpineKit.Detection.Inference;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Refinement;

/// <summary>Everything a <see cref="RefinerTrainer"/> run needs.</summary>
public sealed record RefinerTrainingOptions
{
    /// <summary>Dataset folder with <c>images/</c> and <c>labels/</c>.</summary>
    public required string DatasetDirectory { get; init; }

    /// <summary>Folder for the checkpoint, model, history, curves and the measured frame errors.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// The first stages (locator and corner model) whose errors the refiner learns to undo: their frame errors on
    /// the training films set the crops' jitter, and their results on the validation films are what is refined
    /// when validating.
    /// </summary>
    public required LandmarkDetector Detector { get; init; }

    /// <summary>The network and crop design.</summary>
    public CornerRefinerConfig Network { get; init; } = CornerRefinerConfig.Default;

    /// <summary>Passes over all training vertebrae (an upper bound with <see cref="TimeBudgetMinutes"/>).</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Wall-clock budget in minutes for the whole run across sessions.</summary>
    public double? TimeBudgetMinutes { get; init; }

    /// <summary>Crops per optimisation step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Seed of weights, order and augmentation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the train/validation split (the landmark model's, so validation films stay unseen).</summary>
    public int SplitSeed { get; init; } = DatasetSplit.DefaultSeed;

    /// <summary>Fraction of images held out for validation.</summary>
    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    /// <summary>
    /// Factors by which a measured frame error is scaled before it jitters a crop (drawn uniformly): the first
    /// stages err less on the films they were trained on than on new films, and the refiner must cover the latter.
    /// </summary>
    public (double Min, double Max) JitterScale { get; init; } = (0.75, 2.0);

    /// <summary>
    /// Write the last epoch's model rather than the best-validated one. The validation error of refined films is
    /// dominated by the first stages' level slips, which no crop can undo, so it barely moves between epochs and
    /// picks a best epoch by noise; the end of the cosine schedule is the better choice.
    /// </summary>
    public bool KeepLastEpoch { get; init; } = true;

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/>.</summary>
    public bool Resume { get; init; }

    /// <summary>The command line, recorded in the model file.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>
    /// The UTC date recorded in the model file as <c>training_date</c> (the CLI sets the day the model file is written);
    /// null leaves it out, so runs of one seed stay byte-identical.
    /// </summary>
    public DateOnly? TrainingDate { get; init; }
}
