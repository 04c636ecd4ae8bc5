using SpineKit.Detection.Training;

namespace SpineKit.Detection.LevelNaming;

/// <summary>Everything a <see cref="LevelClassifierTrainer"/> run needs.</summary>
public sealed record LevelClassifierTrainingOptions
{
    /// <summary>Dataset folder with <c>images/</c> and <c>labels/</c>.</summary>
    public required string DatasetDirectory { get; init; }

    /// <summary>Folder for the checkpoint, model, history and curves.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The network and crop design.</summary>
    public LevelClassifierConfig Network { get; init; } = LevelClassifierConfig.Default;

    /// <summary>Passes over all training vertebrae (an upper bound with <see cref="TimeBudgetMinutes"/>).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Wall-clock budget in minutes for the whole run across sessions.</summary>
    public double? TimeBudgetMinutes { get; init; }

    /// <summary>
    /// Standard deviation of the log of a random vertical stretch of each training crop (0: none). A body's height
    /// over its width drifts along the spine, so a classifier can learn it as a level cue; patients and projections
    /// vary it too, and on a film it never saw every crop then errs the same way and the whole chain slips a level.
    /// The stretch takes that cue away and leaves the ribs, the neck and the sacrum to name the level.
    /// </summary>
    public double AspectJitter { get; init; }

    /// <summary>Crops per optimisation step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Seed of weights, order and augmentation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the train/validation split (the landmark model's, so validation films stay unseen).</summary>
    public int SplitSeed { get; init; } = DatasetSplit.DefaultSeed;

    /// <summary>Fraction of images held out for validation.</summary>
    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    /// <summary>Write the last epoch's model rather than the best-validated one.</summary>
    public bool KeepLastEpoch { get; init; }

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
