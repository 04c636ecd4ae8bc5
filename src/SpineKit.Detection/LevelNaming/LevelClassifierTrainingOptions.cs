using SpineKit.Detection.Training;

namespace SpineKit.Detection.LevelNaming;

/// <summary>Everything a <see cref="LevelClassifierTrainer"/> run needs.</summary>
public sealed record LevelClassifierTrainingOptions : TrainingRunOptions
{
    /// <summary>Options with this stage's defaults: 30 epochs of 32 crops.</summary>
    public LevelClassifierTrainingOptions()
        : base(DefaultEpochs, DefaultBatchSize)
    {
    }

    /// <summary>The default <see cref="TrainingRunOptions.Epochs"/>.</summary>
    public const int DefaultEpochs = 30;

    /// <summary>The default <see cref="TrainingRunOptions.BatchSize"/>, in crops.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>The network and crop design.</summary>
    public LevelClassifierConfig Network { get; init; } = LevelClassifierConfig.Default;

    /// <summary>
    /// Standard deviation of the log of a random vertical stretch of each training crop (0: none). A body's height
    /// over its width drifts along the spine, so a classifier can learn it as a level cue; patients and projections
    /// vary it too, and on a film it never saw every crop then errs the same way and the whole chain slips a level.
    /// The stretch takes that cue away and leaves the ribs, the neck and the sacrum to name the level.
    /// </summary>
    public double AspectJitter { get; init; }
}
