using SpineKit.Detection.Networks;

namespace SpineKit.Detection.Training;

/// <summary>Everything that defines a landmark training run; the defaults are those of the shipped model.</summary>
public sealed record LandmarkTrainingOptions : TrainingRunOptions
{
    /// <summary>Options with this stage's defaults: 60 epochs of 4 images.</summary>
    public LandmarkTrainingOptions()
        : base(DefaultEpochs, DefaultBatchSize)
    {
    }

    /// <summary>The default <see cref="TrainingRunOptions.Epochs"/>.</summary>
    public const int DefaultEpochs = 60;

    /// <summary>The default <see cref="TrainingRunOptions.BatchSize"/>, in images.</summary>
    public const int DefaultBatchSize = 4;

    /// <summary>Network shape.</summary>
    public VertebraNetConfig Network { get; init; } = VertebraNetConfig.Default;

    /// <summary>Augmentation ranges.</summary>
    public AugmentationSettings Augmentation { get; init; } = new();

    /// <summary>Whether to simulate user corrections (needs a network with hint channels).</summary>
    public bool SimulateHints { get; init; } = true;

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
}
