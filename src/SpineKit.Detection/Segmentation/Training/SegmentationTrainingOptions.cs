using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>Everything that defines a K-fold segmentation training run.</summary>
public sealed record SegmentationTrainingOptions
{
    /// <summary>Dataset folder with <c>images/</c> and <c>labels/</c>.</summary>
    public required string DatasetDirectory { get; init; }

    /// <summary>Where the fold models, checkpoints, histories and the log go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Network shape (architecture, input size, widths).</summary>
    public SegmentationNetConfig Network { get; init; } = SegmentationNetConfig.Default;

    /// <summary>Number of folds K over the training images (one model per fold).</summary>
    public int Folds { get; init; } = KFoldSplit.DefaultFolds;

    /// <summary>Seed of the fold assignment (<see cref="KFoldSplit"/>).</summary>
    public int FoldSeed { get; init; } = KFoldSplit.DefaultSeed;

    /// <summary>Which folds (1..K) to train; null trains all of them in order.</summary>
    public IReadOnlyList<int>? OnlyFolds { get; init; }

    /// <summary>Passes over a fold's training images (an upper bound when <see cref="MinutesPerFold"/> is set).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Images per optimisation step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Peak learning rate of the warm-up cosine schedule.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Decoupled weight decay (AdamW).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Seed of weights and augmentation (each fold offsets it by its number).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the held-out validation split (<see cref="DatasetSplit"/>), shared with the landmark model.</summary>
    public int SplitSeed { get; init; } = DatasetSplit.DefaultSeed;

    /// <summary>Share of images held out for validation (never trained on by any fold).</summary>
    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    /// <summary>Augmentation ranges.</summary>
    public AugmentationSettings Augmentation { get; init; } = DefaultAugmentation;

    /// <summary>
    /// Wall-clock limit per fold in minutes, counting the fold's earlier sessions when resumed (image loading,
    /// shared by all folds, is not counted). After each epoch the fold's epoch count and learning-rate
    /// schedule are fitted to what is left.
    /// </summary>
    public double? MinutesPerFold { get; init; }

    /// <summary>
    /// Train on this many tiles of the spine strip per film (<see cref="Codecs.SpineStrip"/>, planned from the labelled
    /// corners, cut from the full-resolution film, tile placement and size jittered) instead of the whole film; null:
    /// the whole film. The model files record it (<see cref="Inference.SegmentationModel.StripTilesKey"/>) and
    /// inference then votes on the strip the landmark stages plan. Every tile of every film is one example of an epoch.
    /// </summary>
    public int? StripTiles { get; init; }

    /// <summary>
    /// Weight of the gap class's soft Dice loss added to the training loss (0: none, the shipped folds' loss). Bodies
    /// drawn into the discs were the largest share of the vote's false pixels; the gap is thin, so cross-entropy
    /// barely charges for erasing it and a Dice term charges in proportion to what is lost.
    /// </summary>
    public float GapDiceWeight { get; init; }

    /// <summary>Continue each unfinished fold from its checkpoint and skip finished folds.</summary>
    public bool Resume { get; init; }

    /// <summary>The command that started the run, stored in the models' metadata.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>
    /// The UTC date recorded in the model file as <c>training_date</c> (the CLI sets the day the model file is written);
    /// null leaves it out, so runs of one seed stay byte-identical.
    /// </summary>
    public DateOnly? TrainingDate { get; init; }

    /// <summary>
    /// Shift 5 %, scale 0.85-1.15, rotation +/-30 degrees, horizontal flip, gamma, contrast, CLAHE and noise;
    /// no elastic deformation, because the target is re-rendered from the moved corners and an elastic warp
    /// would bend the pixels but not the quadrilaterals.
    /// </summary>
    public static AugmentationSettings DefaultAugmentation { get; } = new()
    {
        MaxRotationDegrees = 30,
        MinScale = 0.85,
        MaxScale = 1.15,
        MaxShift = 0.05,
        ElasticProbability = 0,
    };
}
