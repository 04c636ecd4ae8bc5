namespace SpineKit.Detection.Training;

/// <summary>The schedule of one <see cref="TrainingLoop"/> run and where it keeps its files.</summary>
internal sealed record TrainingLoopOptions
{
    /// <summary>Folder of the checkpoint (<see cref="TrainingLoop.CheckpointFile"/>) and <see cref="TrainingLoop.HistoryFile"/>.</summary>
    public required string Directory { get; init; }

    /// <summary>Where the best epoch's model goes.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Passes over the training examples (an upper bound when <see cref="BudgetMinutes"/> is set).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Examples per optimisation step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Peak learning rate of the warm-up cosine schedule (it decays to 1 % of it).</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Decoupled weight decay (AdamW).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Warm-up steps for a plan of the given total steps.</summary>
    public Func<int, int> WarmupSteps { get; init; } = total => Math.Clamp(total / 10, 1, 200);

    /// <summary>Seed of the order and augmentation; epoch e draws from <c>Seed * 1000003 + SeedOffset + e</c>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Added to the epoch seed, so several runs of one seed (the folds) draw differently.</summary>
    public int SeedOffset { get; init; }

    /// <summary>Decay of the exponential moving average of the weights (what is validated and saved); null validates the network itself.</summary>
    public float? AverageDecay { get; init; }

    /// <summary>
    /// Minutes of training (epochs with their validation) for the whole run across sessions; after each
    /// epoch the number of epochs, and with it the schedule, is fitted to what is left.
    /// </summary>
    public double? BudgetMinutes { get; init; }

    /// <summary>
    /// Write the model file after every epoch, so it holds the last epoch rather than the best-validated one
    /// (for a model whose validation split measures something else than its job, as the field-of-view locator's).
    /// </summary>
    public bool KeepLast { get; init; }

    /// <summary>Continue from the checkpoint when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>Gradient norm above which gradients are scaled down.</summary>
    public double MaxGradientNorm { get; init; } = 5;

    /// <summary>A log line every this many steps.</summary>
    public int LogEverySteps { get; init; } = 25;

    /// <summary>Put before every log line ("fold 2 ").</summary>
    public string LogPrefix { get; init; } = string.Empty;
}
