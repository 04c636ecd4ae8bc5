using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Optimization;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Training;

/// <summary>
/// Trains a <see cref="VertebraNet"/> on a challenge-layout dataset: seeded split, augmentation and hint
/// simulation, AdamW with a warm-up cosine schedule, gradient clipping, an exponential moving average of
/// the weights (what is validated and shipped), validation after every epoch, a checkpoint after every
/// epoch (resumable), and the best model by validation error written with its figures in the metadata.
/// </summary>
public sealed class LandmarkTrainer
{
    /// <summary>File name of the resumable checkpoint in the output folder.</summary>
    public const string CheckpointFile = "checkpoint.safetensors";

    /// <summary>File name of the best model in the output folder.</summary>
    public const string ModelFile = "model.safetensors";

    private const string EmaPrefix = "ema.";
    private const float EmaDecay = 0.998f;
    private const double MaxGradientNorm = 5;
    private const int LogEverySteps = 25;

    private readonly LandmarkTrainingOptions _options;
    private readonly Action<string> _log;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public LandmarkTrainer(LandmarkTrainingOptions options, Action<string>? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Network.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _log = log ?? (_ => { });
    }

    /// <summary>Trains; returns the validation figures of the best epoch.</summary>
    public ValidationFigures Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var config = _options.Network;
        Directory.CreateDirectory(_options.OutputDirectory);

        var examples = TrainingSetLoader.Load(_options.DatasetDirectory, config.InputWidth, config.InputHeight, line => _log($"label issue (sanitised): {line}"));
        var validationNames = DatasetSplit.ValidationNames(examples.Select(e => e.Name), _options.SplitSeed, _options.ValidationFraction);
        var training = examples.Where(e => !validationNames.Contains(e.Name)).ToList();
        var validation = examples.Where(e => validationNames.Contains(e.Name)).ToList();
        _log(string.Create(CultureInfo.InvariantCulture, $"{examples.Count} images loaded in {clock.Elapsed.TotalSeconds:0}s: {training.Count} for training, {validation.Count} for validation (split seed {_options.SplitSeed})"));
        if (training.Count == 0)
        {
            throw new InvalidDataException("No training images are left after the validation split.");
        }

        var network = new VertebraNet(config, new Random(_options.Seed));
        var shadow = new VertebraNet(config, new Random(_options.Seed));
        var firstEpoch = 1;
        var checkpointPath = Path.Combine(_options.OutputDirectory, CheckpointFile);
        var history = new TrainingHistory();
        var resuming = _options.Resume && File.Exists(checkpointPath);
        if (resuming)
        {
            firstEpoch = LoadCheckpoint(checkpointPath, network, shadow) + 1;
            _log($"resumed from {checkpointPath} after epoch {firstEpoch - 1} (optimizer moments restart)");
        }

        // A warmed-up average: short while the weights move fast, up to EmaDecay later. A resumed run continues its average.
        var average = resuming ? StartAverage(network, shadow) : new ExponentialMovingAverage(network, EmaDecay) { WarmUp = true };

        var optimizer = new AdamW(network.Parameters(), _options.LearningRate, weightDecay: _options.WeightDecay);
        var stepsPerEpoch = (training.Count + _options.BatchSize - 1) / _options.BatchSize;
        var epochs = _options.Epochs;
        var schedule = new CosineWarmupScheduler(optimizer, warmupSteps: Math.Min(300, epochs * stepsPerEpoch / 4), totalSteps: epochs * stepsPerEpoch, minimumLearningRate: _options.LearningRate * 0.01f);
        var codec = new VertebraCentreCodec(config.OutputWidth, config.OutputHeight, VertebraNetConfig.OutputStride, config.LevelChannel);
        var levels = (First: VertebraLevel.T1, Count: examples.Max(e => e.Truth.Vertebrae.Count));
        ValidationFigures? best = null;
        ValidationFigures? last = null;
        var trainingStarted = clock.Elapsed;

        for (var epoch = firstEpoch; epoch <= epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var epochStarted = clock.Elapsed;
            var random = new Random(unchecked((_options.Seed * 1_000_003) + epoch));
            var order = Enumerable.Range(0, training.Count).ToArray();
            random.Shuffle(order);
            network.Train();
            var lossSum = 0.0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = order.Skip(step * _options.BatchSize).Take(_options.BatchSize).Select(i => training[i]).ToArray();
                var seeds = batch.Select(_ => random.Next()).ToArray();
                var (input, heat, offsets, weights, levelTargets) = BuildBatch(batch, seeds, codec, config);

                optimizer.LearningRate = schedule.RateAt((((epoch - 1) * stepsPerEpoch) + step));
                optimizer.ZeroGrad();
                var (loss, _, _, _) = CentreDetectionLoss.Compute(network.Forward(input), heat, offsets, weights, levelTargets);
                loss.Backward();
                GradientClipping.ClipByNorm(network.Parameters(), MaxGradientNorm);
                optimizer.Step();
                average.Update();
                lossSum += loss.Item();
                if ((step + 1) % LogEverySteps == 0)
                {
                    _log(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch} step {step + 1}/{stepsPerEpoch}: loss {lossSum / (step + 1):0.0000}, lr {optimizer.LearningRate:0.#####}, {(clock.Elapsed - epochStarted).TotalSeconds / (step + 1):0.00} s/step"));
                }

                progress?.Report(new TrainingProgress(epoch, epochs, step + 1, stepsPerEpoch, lossSum / (step + 1), optimizer.LearningRate, last));
            }

            average.CopyTo(shadow);

            shadow.Eval();
            var detector = new LandmarkDetector(LandmarkModel.FromNetwork(shadow, levels.First, levels.Count));
            last = validation.Count > 0 ? LandmarkValidation.Evaluate(detector, validation).Figures : new ValidationFigures(0, double.NaN, double.NaN, default, double.NaN);
            history.Add(epoch, lossSum / stepsPerEpoch, last);
            _log(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{epochs}: loss {lossSum / stepsPerEpoch:0.0000}, validation {last} [{(clock.Elapsed - epochStarted).TotalSeconds:0}s]"));

            if (best is null || !(last.MeanRadialError >= best.MeanRadialError))
            {
                best = last;
                ModuleWeights.Save(shadow, Path.Combine(_options.OutputDirectory, ModelFile), ModelMetadata(levels.First, levels.Count, epoch, last, training.Count, validation.Count));
            }

            SaveCheckpoint(checkpointPath, network, shadow, epoch);
            history.WriteCsv(Path.Combine(_options.OutputDirectory, "history.csv"));
            history.WriteChart(Path.Combine(_options.OutputDirectory, "curves.png"));

            // Refit after every epoch: the machine's load (and so the epoch time) can change during a long run.
            // The mean epoch time so far, not the last one, so one slow epoch does not swing the schedule.
            if (_options.TimeBudgetMinutes is { } budget)
            {
                var meanEpoch = (clock.Elapsed - trainingStarted) / (epoch - firstEpoch + 1);
                epochs = FitEpochs(budget, clock.Elapsed, meanEpoch, epoch, epochs);
                schedule = new CosineWarmupScheduler(optimizer, Math.Min(schedule.WarmupSteps, (epochs * stepsPerEpoch) - 1), epochs * stepsPerEpoch, _options.LearningRate * 0.01f);
            }
        }

        _log(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalMinutes:0.0} min (training {(clock.Elapsed - trainingStarted).TotalMinutes:0.0} min); best validation: {best}"));
        return best!;
    }

    /// <summary>Augments, simulates hints and encodes targets for one batch; each image has its own seed, so threads don't matter.</summary>
    internal (Tensor Input, Tensor Heat, Tensor Offsets, Tensor Weights, Tensor Levels) BuildBatch(TrainingExample[] batch, int[] seeds, VertebraCentreCodec codec, VertebraNetConfig config)
    {
        // With CLAHE in the normalisation, the random CLAHE of the augmentation would only apply it twice.
        var augmentation = config.Normalization == Networks.InputNormalization.ClaheStandardize
            ? _options.Augmentation with { ClaheProbability = 0 }
            : _options.Augmentation;
        int n = batch.Length, width = config.InputWidth, height = config.InputHeight, plane = width * height;
        int cells = config.OutputWidth * config.OutputHeight;
        var input = new float[n * config.InputChannels * plane];
        var heat = new float[n * cells];
        var offsets = new float[n * 8 * cells];
        var weights = new float[n * cells];
        var levels = new float[n * cells];
        Parallel.For(0, n, b =>
        {
            var random = new Random(seeds[b]);
            var (image, corners) = LandmarkAugmenter.Apply(batch[b].Input, batch[b].Corners, augmentation, random);
            var sample = input.AsSpan(b * config.InputChannels * plane, config.InputChannels * plane);
            Preprocessing.InputNormalizer.Normalize(image, config.Normalization, sample[..plane]);
            if (_options.SimulateHints && config.HintChannels == HintChannelCodec.Channels)
            {
                HintChannelCodec.Encode(HintSimulator.Draw(corners, random), width, height, sample.Slice(plane, HintChannelCodec.Channels * plane));
            }

            var targets = codec.Encode(corners);
            targets.Heat.CopyTo(heat, b * cells);
            targets.Offsets.CopyTo(offsets, b * 8 * cells);
            targets.OffsetWeights.CopyTo(weights, b * cells);
            targets.Levels.CopyTo(levels, b * cells);
        });

        return (
            new Tensor(input, n, config.InputChannels, height, width),
            new Tensor(heat, n, 1, config.OutputHeight, config.OutputWidth),
            new Tensor(offsets, n, 8, config.OutputHeight, config.OutputWidth),
            new Tensor(weights, n, 1, config.OutputHeight, config.OutputWidth),
            new Tensor(levels, n, 1, config.OutputHeight, config.OutputWidth));
    }

    private int FitEpochs(double budgetMinutes, TimeSpan elapsed, TimeSpan epochTime, int epoch, int planned)
    {
        var remaining = TimeSpan.FromMinutes(budgetMinutes) - elapsed;
        var more = (int)Math.Floor(remaining / epochTime);
        var fitted = Math.Clamp(epoch + more, epoch, _options.Epochs);
        if (fitted == planned)
        {
            return planned;
        }

        _log(string.Create(CultureInfo.InvariantCulture, $"time budget {budgetMinutes:0} min: {epochTime.TotalSeconds:0}s per epoch, planning {fitted} epochs"));
        return fitted;
    }

    private Dictionary<string, string> ModelMetadata(VertebraLevel firstLevel, int levelCount, int epoch, ValidationFigures figures, int trainingImages, int validationImages)
    {
        var metadata = new Dictionary<string, string>(_options.Network.ToMetadata());
        foreach (var (key, value) in LandmarkModel.LevelMetadata(firstLevel, levelCount))
        {
            metadata[key] = value;
        }

        metadata["training_command"] = _options.CommandLine;
        metadata["training_epoch"] = epoch.ToString(CultureInfo.InvariantCulture);
        metadata["training_images"] = trainingImages.ToString(CultureInfo.InvariantCulture);
        metadata["validation_images"] = validationImages.ToString(CultureInfo.InvariantCulture);
        metadata["split_seed"] = _options.SplitSeed.ToString(CultureInfo.InvariantCulture);
        metadata["validation_fraction"] = _options.ValidationFraction.ToString("R", CultureInfo.InvariantCulture);
        metadata["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture);
        metadata["validation"] = figures.ToString();
        return metadata;
    }

    private static void SaveCheckpoint(string path, VertebraNet network, VertebraNet shadow, int epoch)
    {
        var tensors = network.StateDict().Concat(shadow.StateDict().Select(p => (EmaPrefix + p.Name, p.Tensor))).ToList();
        var temporary = path + ".tmp";
        SafeTensorsWriter.Write(temporary, tensors, new Dictionary<string, string> { ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture) });

        // Replace atomically so an interrupted save never leaves a truncated checkpoint.
        File.Move(temporary, path, overwrite: true);
    }

    private static int LoadCheckpoint(string path, VertebraNet network, VertebraNet shadow)
    {
        var file = SafeTensorsReader.Read(path);
        ModuleWeights.Apply(network, file.Tensors.Where(p => !p.Key.StartsWith(EmaPrefix, StringComparison.Ordinal)).ToDictionary());
        ModuleWeights.Apply(shadow, file.Tensors.Where(p => p.Key.StartsWith(EmaPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[EmaPrefix.Length..], p => p.Value));
        return file.Metadata.TryGetValue("epoch", out var epoch) && int.TryParse(epoch, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ModelFormatException($"{path} is not a SpineKit training checkpoint (no epoch in its metadata).");
    }

    private static ExponentialMovingAverage StartAverage(VertebraNet network, VertebraNet shadow)
    {
        // The average copies its start from the module it watches: show it the averaged weights, then restore.
        var current = network.StateDict().Select(p => (float[])p.Tensor.Data.Clone()).ToList();
        CopyState(shadow, network);
        // Resumed late in training: the warm-up is long over, so average at the full decay.
        var average = new ExponentialMovingAverage(network, EmaDecay);
        var state = network.StateDict();
        for (var i = 0; i < state.Count; i++)
        {
            current[i].CopyTo(state[i].Tensor.Data, 0);
        }

        return average;
    }

    private static void CopyState(Neural.Layers.Module from, Neural.Layers.Module to)
    {
        var source = from.StateDict().ToDictionary(p => p.Name, p => p.Tensor);
        foreach (var (name, tensor) in to.StateDict())
        {
            source[name].Data.CopyTo(tensor.Data, 0);
        }
    }
}
