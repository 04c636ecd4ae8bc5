namespace SpineKit.Detection.Training;

/// <summary>
/// What every training run of one model on the challenge dataset is given: the data, where its files go, the
/// schedule, the seeds, and what the model file records. Each stage's options add their network and augmentation and
/// set their own defaults for <see cref="Epochs"/>, <see cref="BatchSize"/> and <see cref="KeepLastEpoch"/>.
/// </summary>
public abstract record TrainingRunOptions
{
    /// <summary>
    /// Sets the stage's defaults of <see cref="Epochs"/> and <see cref="BatchSize"/>; only this assembly's stages derive
    /// from it (<see cref="LoopOptions"/> is theirs).
    /// </summary>
    private protected TrainingRunOptions(int defaultEpochs, int defaultBatchSize)
    {
        Epochs = defaultEpochs;
        BatchSize = defaultBatchSize;
    }

    /// <summary>Dataset folder with <c>images/</c> and <c>labels/</c>.</summary>
    public required string DatasetDirectory { get; init; }

    /// <summary>Folder for the checkpoint, the model, the history and the curves (and what a stage adds, such as the refiner's measured frame errors).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Passes over the training examples (an upper bound when <see cref="TimeBudgetMinutes"/> is set); each stage sets its default.</summary>
    public int Epochs { get; init; }

    /// <summary>
    /// Minutes of training (epochs with their validation, not the loading before them) for the whole run across
    /// sessions; after each epoch the number of epochs, and with it the schedule, is fitted to what is left. Null trains
    /// <see cref="Epochs"/> whatever the time.
    /// </summary>
    public double? TimeBudgetMinutes { get; init; }

    /// <summary>Examples per optimisation step; each stage sets its default.</summary>
    public int BatchSize { get; init; }

    /// <summary>Peak learning rate of the warm-up cosine schedule.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Decoupled weight decay (AdamW).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Seed of the weights, the order and the augmentation (and of the landmark trainer's simulated corrections).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seed of the train/validation split (<see cref="DatasetSplit"/>; every stage's default, so validation films stay unseen by all of them).</summary>
    public int SplitSeed { get; init; } = DatasetSplit.DefaultSeed;

    /// <summary>Share of images held out for validation.</summary>
    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    /// <summary>Write the last epoch's model rather than the best-validated one (see <see cref="TrainingLoopOptions.KeepLast"/>).</summary>
    public bool KeepLastEpoch { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>The command that started the run, recorded in the model file.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>
    /// The UTC date recorded in the model file as <c>training_date</c> (the CLI sets the day the model file is written);
    /// null leaves it out, so runs of one seed stay byte-identical.
    /// </summary>
    public DateOnly? TrainingDate { get; init; }

    /// <summary>
    /// The <see cref="TrainingLoop"/>'s schedule for this run: its model goes to <paramref name="modelFile"/> in
    /// <see cref="OutputDirectory"/>, with the stage's own warm-up and weight averaging.
    /// </summary>
    internal TrainingLoopOptions LoopOptions(string modelFile, Func<int, int> warmupSteps, float? averageDecay) => new()
    {
        Directory = OutputDirectory,
        ModelPath = Path.Combine(OutputDirectory, modelFile),
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        WarmupSteps = warmupSteps,
        Seed = Seed,
        AverageDecay = averageDecay,
        BudgetMinutes = TimeBudgetMinutes,
        Resume = Resume,
        KeepLast = KeepLastEpoch,
    };
}
