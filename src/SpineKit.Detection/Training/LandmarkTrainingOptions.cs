using SpineKit.Detection.Networks;

namespace SpineKit.Detection.Training;

/// <summary>Everything that defines a landmark training run; the defaults are those of the shipped model.</summary>
public sealed record LandmarkTrainingOptions
{
    /// <summary>Dataset folder with <c>images/</c> and <c>labels/</c>.</summary>
    public required string DatasetDirectory { get; init; }

    /// <summary>Where checkpoints, the model, the history and the curves go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Network shape.</summary>
    public VertebraNetConfig Network { get; init; } = VertebraNetConfig.Default;

    /// <summary>Passes over the training images (an upper bound when <see cref="TimeBudgetMinutes"/> is set).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Images per optimisation step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Peak learning rate of the cosine schedule.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Decoupled weight decay (AdamW).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Seed for weights, augmentation and hint simulation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the validation split (<see cref="DatasetSplit"/>).</summary>
    public int SplitSeed { get; init; } = DatasetSplit.DefaultSeed;

    /// <summary>Share of images held out for validation.</summary>
    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    /// <summary>Augmentation ranges.</summary>
    public AugmentationSettings Augmentation { get; init; } = new();

    /// <summary>Whether to simulate user corrections (needs a network with hint channels).</summary>
    public bool SimulateHints { get; init; } = true;

    /// <summary>
    /// Wall-clock limit for the whole run including loading and validation; after the first epoch the
    /// number of epochs (and the learning-rate schedule) is fitted to it.
    /// </summary>
    public double? TimeBudgetMinutes { get; init; }

    /// <summary>Continue from <c>checkpoint.safetensors</c> in the output folder if present.</summary>
    public bool Resume { get; init; }

    /// <summary>The command that started the run, stored in the model's metadata.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>
    /// The UTC date recorded in the model file as <c>training_date</c> (the CLI sets the day the model file is written);
    /// null leaves it out, so runs of one seed stay byte-identical.
    /// </summary>
    public DateOnly? TrainingDate { get; init; }

    /// <summary>
    /// A folder of full-spine films with body boxes (<see cref="Evaluation.FullSpineDataset"/>): when set,
    /// <see cref="FieldOfViewAugmenter"/> transplants spines into the surroundings of its training half and
    /// cuts films cranially and caudally (the other half stays unseen for evaluation).
    /// </summary>
    public string? SurroundingsDirectory { get; init; }

    /// <summary>Transplant and cut probabilities when <see cref="SurroundingsDirectory"/> is set.</summary>
    public FieldOfViewSettings FieldOfView { get; init; } = new();

    /// <summary>A model file to start from (fine-tuning); tensors that match by name and shape are copied.</summary>
    public string? InitialWeights { get; init; }

    /// <summary>Keep the last epoch's model instead of the one with the lowest validation error (see <see cref="TrainingLoopOptions.KeepLast"/>).</summary>
    public bool KeepLastEpoch { get; init; }
}
