using System.Diagnostics;
using System.Globalization;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Optimization;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Training;

/// <summary>
/// The one training loop of every SpineKit model. Per epoch: a seeded shuffle, one seed per example for
/// its augmentation, AdamW under a warm-up cosine schedule with gradient clipping, an optional exponential
/// moving average of the weights, validation, the model file rewritten when the score improves, and a
/// <see cref="TrainingCheckpoint"/> with the whole run state. Resuming loads that state, so a run stopped
/// after any epoch and resumed ends with the same weights, history and model file as one that never
/// stopped (without a time budget; with one, the plan depends on the machine's speed).
/// </summary>
internal sealed class TrainingLoop
{
    /// <summary>File name of the run state inside <see cref="TrainingLoopOptions.Directory"/>.</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <summary>File name of the per-epoch history inside <see cref="TrainingLoopOptions.Directory"/>.</summary>
    public const string HistoryFile = "history.csv";

    private readonly ITrainingTask _task;
    private readonly TrainingLoopOptions _options;
    private readonly Action<string> _log;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public TrainingLoop(ITrainingTask task, TrainingLoopOptions options, Action<string>? log = null)
    {
        _task = task ?? throw new ArgumentNullException(nameof(task));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (task.ExampleCount == 0)
        {
            throw new InvalidDataException("There are no training examples.");
        }

        _log = log ?? (_ => { });
    }

    /// <summary>The columns of the history this run writes.</summary>
    public IReadOnlyList<string> HistoryColumns =>
        ["epoch", "loss", .. _task.LossTerms, .. _task.ValidationColumns, "learning_rate", "seconds"];

    /// <summary>Trains (or, when the checkpoint says the run is finished, only reports it).</summary>
    /// <param name="epochFinished">Called after every epoch with the history so far (to draw curves).</param>
    /// <param name="progress">Reports after every step.</param>
    /// <param name="cancellation">Checked before every step.</param>
    public TrainingOutcome Run(Action<TrainingHistory>? epochFinished = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(_options.Directory);
        var checkpointPath = Path.Combine(_options.Directory, CheckpointFile);
        var historyPath = Path.Combine(_options.Directory, HistoryFile);
        var network = _task.Network;
        var optimizer = new AdamW(network.Parameters(), _options.LearningRate, weightDecay: _options.WeightDecay);
        var averageModule = _options.AverageDecay is null ? null : _task.CreateAverageModule();
        ExponentialMovingAverage? average = null;

        var state = new RunState(0, _options.Epochs, double.NaN, 0, 0, false, new TrainingHistory(HistoryColumns));
        if (_options.Resume && File.Exists(checkpointPath))
        {
            var checkpoint = TrainingCheckpoint.Load(checkpointPath, _task.Design);
            Restore(checkpoint, network, optimizer, checkpointPath);
            if (_options.AverageDecay is { } decay)
            {
                average = new ExponentialMovingAverage(network, decay) { WarmUp = true };
                Apply(() => average.LoadState(checkpoint.Average, checkpoint.AverageUpdates), checkpointPath);
            }

            state = new RunState(checkpoint.Epoch, checkpoint.PlannedEpochs, checkpoint.BestScore, checkpoint.BestEpoch, checkpoint.Seconds, checkpoint.Finished, checkpoint.History);
            if (state.Finished)
            {
                _log(string.Create(CultureInfo.InvariantCulture, $"{_options.LogPrefix}finished earlier (best epoch {state.BestEpoch}, score {state.BestScore:0.####}); nothing to train"));
                return new TrainingOutcome(state.BestEpoch, state.BestScore, state.History, Trained: false);
            }

            _log(string.Create(CultureInfo.InvariantCulture, $"{_options.LogPrefix}resumed after epoch {state.Epoch} from {checkpointPath} ({state.Seconds / 60:0.0} min trained, best epoch {state.BestEpoch})"));
        }

        average ??= _options.AverageDecay is { } fresh ? new ExponentialMovingAverage(network, fresh) { WarmUp = true } : null;

        // A budgeted run keeps the plan fitted so far; without a budget the (possibly new) --epochs rules.
        var epochs = _options.BudgetMinutes is null ? _options.Epochs : Math.Min(state.PlannedEpochs, _options.Epochs);
        var stepsPerEpoch = (_task.ExampleCount + _options.BatchSize - 1) / _options.BatchSize;
        var schedule = Schedule(optimizer, epochs, stepsPerEpoch);
        var clock = Stopwatch.StartNew();
        var buffers = new TrainingBuffers();
        var sessionEpochs = 0;
        EpochValidation? last = null;
        network.Train();
        for (var epoch = state.Epoch + 1; epoch <= epochs; epoch++)
        {
            var epochStarted = clock.Elapsed;
            var random = new Random(unchecked((_options.Seed * 1_000_003) + _options.SeedOffset + epoch));
            var order = Enumerable.Range(0, _task.ExampleCount).ToArray();
            random.Shuffle(order);
            var lossSum = 0.0;
            var termSums = new double[_task.LossTerms.Count];
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = order.Skip(step * _options.BatchSize).Take(_options.BatchSize).ToArray();
                var seeds = batch.Select(_ => random.Next()).ToArray();
                optimizer.LearningRate = schedule.RateAt(((epoch - 1) * stepsPerEpoch) + step);

                // The step's activations and gradients come from (and go back to) the run's buffers: nothing computed
                // in it is read after it ends but the loss value and the terms (doubles).
                using (buffers.BeginStep())
                {
                    optimizer.ZeroGrad();
                    var (loss, terms) = _task.Loss(batch, seeds);
                    loss.Backward();
                    GradientClipping.ClipByNorm(network.Parameters(), _options.MaxGradientNorm);
                    optimizer.Step();
                    average?.Update();
                    lossSum += loss.Item();
                    for (var t = 0; t < termSums.Length; t++)
                    {
                        termSums[t] += terms[t];
                    }
                }

                if ((step + 1) % _options.LogEverySteps == 0)
                {
                    _log(string.Create(CultureInfo.InvariantCulture, $"{_options.LogPrefix}epoch {epoch} step {step + 1}/{stepsPerEpoch}: loss {lossSum / (step + 1):0.0000}, lr {optimizer.LearningRate:0.#####}, {(clock.Elapsed - epochStarted).TotalSeconds / (step + 1):0.00} s/step"));
                }

                progress?.Report(new TrainingProgress(epoch, epochs, step + 1, stepsPerEpoch, lossSum / (step + 1), optimizer.LearningRate, last?.Summary));
            }

            var evaluated = network;
            if (average is not null)
            {
                average.CopyTo(averageModule!);
                evaluated = averageModule!;
            }

            evaluated.Eval();
            using (GradMode.NoGrad())
            {
                last = _task.Validate(evaluated);
            }

            network.Train();
            var improved = _options.KeepLast || !double.IsFinite(state.BestScore) || (_task.HigherScoreIsBetter ? last.Score > state.BestScore : last.Score < state.BestScore);
            if (improved)
            {
                state = state with { BestScore = last.Score, BestEpoch = epoch };
                ModuleWeights.Save(evaluated, _options.ModelPath, _task.ModelMetadata(epoch, last));
            }

            var seconds = (clock.Elapsed - epochStarted).TotalSeconds;
            state.History.Add([epoch, lossSum / stepsPerEpoch, .. termSums.Select(s => s / stepsPerEpoch), .. last.Values, optimizer.LearningRate, seconds]);
            _log(string.Create(CultureInfo.InvariantCulture, $"{_options.LogPrefix}epoch {epoch}/{epochs}: loss {lossSum / stepsPerEpoch:0.0000}, validation {last.Summary}{(improved ? " (best, saved)" : string.Empty)} [{seconds:0}s]"));

            sessionEpochs++;
            var spent = state.Seconds + seconds;
            if (_options.BudgetMinutes is { } budget)
            {
                // The mean epoch time of this session, not the last one, so one slow epoch does not swing the plan.
                var fitted = FitEpochs(budget * 60, spent, clock.Elapsed.TotalSeconds / sessionEpochs, epoch);
                if (fitted != epochs)
                {
                    _log(string.Create(CultureInfo.InvariantCulture, $"{_options.LogPrefix}time budget {budget:0.#} min, {clock.Elapsed.TotalSeconds / sessionEpochs:0}s per epoch: planning {fitted} epochs"));
                    epochs = fitted;
                    schedule = Schedule(optimizer, epochs, stepsPerEpoch);
                }
            }

            state = state with { Epoch = epoch, PlannedEpochs = epochs, Seconds = spent, Finished = epoch >= epochs };
            new TrainingCheckpoint(state.Epoch, state.PlannedEpochs, state.BestScore, state.BestEpoch, state.Seconds, state.Finished, average?.Updates ?? 0, state.History,
                    network.StateDict().ToDictionary(p => p.Name, p => p.Tensor, StringComparer.Ordinal),
                    average?.SaveState().ToDictionary(p => p.Name, p => p.Tensor, StringComparer.Ordinal) ?? [],
                    optimizer.SaveState().ToDictionary(p => p.Name, p => p.Tensor, StringComparer.Ordinal))
                .Save(checkpointPath, _task.Design);
            state.History.WriteCsv(historyPath);
            epochFinished?.Invoke(state.History);
        }

        return new TrainingOutcome(state.BestEpoch, state.BestScore, state.History, Trained: sessionEpochs > 0);
    }

    private static void Restore(TrainingCheckpoint checkpoint, Module network, Optimizer optimizer, string path)
    {
        ModuleWeights.Apply(network, checkpoint.Model);
        Apply(() => optimizer.LoadState(checkpoint.Optimizer), path);
    }

    private static void Apply(Action restore, string path)
    {
        try
        {
            restore();
        }
        catch (ArgumentException exception)
        {
            throw new ModelFormatException($"the checkpoint {path} cannot be resumed: {exception.Message}");
        }
    }

    private int FitEpochs(double budgetSeconds, double spentSeconds, double epochSeconds, int epoch)
    {
        var more = (int)Math.Floor((budgetSeconds - spentSeconds) / Math.Max(epochSeconds, 1e-3));
        return Math.Clamp(epoch + more, epoch, _options.Epochs);
    }

    private CosineWarmupScheduler Schedule(Optimizer optimizer, int epochs, int stepsPerEpoch)
    {
        var total = Math.Max(2, epochs * stepsPerEpoch);
        return new CosineWarmupScheduler(optimizer, Math.Clamp(_options.WarmupSteps(total), 0, total - 1), total, _options.LearningRate * 0.01f);
    }

    private sealed record RunState(int Epoch, int PlannedEpochs, double BestScore, int BestEpoch, double Seconds, bool Finished, TrainingHistory History);
}

/// <summary>What a <see cref="TrainingLoop"/> run ended with.</summary>
/// <param name="BestEpoch">The epoch whose model is in the model file (0 when none was validated).</param>
/// <param name="BestScore">Its validation score.</param>
/// <param name="History">Every epoch of the run, also those of earlier sessions.</param>
/// <param name="Trained">False when the checkpoint said the run was already finished.</param>
internal sealed record TrainingOutcome(int BestEpoch, double BestScore, TrainingHistory History, bool Trained);
