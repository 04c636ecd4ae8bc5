using System.Diagnostics;
using System.Globalization;
using System.Text;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Training;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>
/// K-fold training of <see cref="SegmentationNet"/>s on a challenge-layout dataset. The seeded 80/20 split
/// of <see cref="DatasetSplit"/> (the landmark model's) holds out the validation images, which no fold
/// trains on; the remaining images are dealt into K folds by <see cref="KFoldSplit"/>, and fold k's model
/// trains on the other K-1 folds and is validated (body Dice, every epoch) on fold k. Per fold: corner-
/// preserving augmentation with the target re-rendered from the moved corners (exact), cross-entropy plus
/// body Dice loss (plus a weighted gap Dice loss when asked), AdamW with a warm-up cosine schedule, gradient
/// clipping, a checkpoint after every epoch
/// (resumable, finished folds are skipped) and the best epoch's model written as
/// <c>segmentation-fold-k.safetensors</c> in the output folder, where <see cref="SegmentationEnsemble.Load"/>
/// finds all of them. With <see cref="SegmentationTrainingOptions.StripTiles"/> the films are loaded at full
/// resolution and every example is one tile of a film's spine strip (<see cref="StripTileSampling"/>); the same loop,
/// loss and validation then run on tiles.
/// </summary>
public sealed class SegmentationTrainer
{
    /// <summary>File name of a fold's resumable checkpoint inside its <c>fold-k</c> folder.</summary>
    public const string CheckpointFile = TrainingLoop.CheckpointFile;

    /// <summary>File name of a fold's per-epoch history inside its <c>fold-k</c> folder.</summary>
    public const string HistoryFile = TrainingLoop.HistoryFile;

    private const int LogEverySteps = 20;
    private const int ValidationBatch = 4;

    private readonly SegmentationTrainingOptions _options;
    private readonly Action<string> _log;
    private readonly StripTileSampling? _strip;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public SegmentationTrainer(SegmentationTrainingOptions options, Action<string>? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Network.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Folds, 2);
        if (options.OnlyFolds is { } only && only.Any(f => f < 1 || f > options.Folds))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Folds are numbered 1 to {options.Folds}.");
        }

        _strip = options.StripTiles is { } tiles ? new StripTileSampling(tiles) : null;
        _strip?.Validate();
        _log = log ?? (_ => { });
    }

    /// <summary>The model file name of fold <paramref name="fold"/> (from 1).</summary>
    public static string ModelFileName(int fold) => string.Create(CultureInfo.InvariantCulture, $"segmentation-fold-{fold}.safetensors");

    /// <summary>The folder of fold <paramref name="fold"/>'s checkpoint and history.</summary>
    public static string FoldDirectory(string outputDirectory, int fold) => Path.Combine(outputDirectory, string.Create(CultureInfo.InvariantCulture, $"fold-{fold}"));

    /// <summary>Trains the folds; returns each fold's best epoch and Dice.</summary>
    public IReadOnlyList<SegmentationFoldResult> Run(IProgress<SegmentationTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var config = _options.Network;
        Directory.CreateDirectory(_options.OutputDirectory);
        Action<string> report = line => _log($"label issue (sanitised): {line}");

        // Strip tiles are cut from the film at its own resolution, as at inference.
        var examples = _strip is null
            ? TrainingSetLoader.Load(_options.DatasetDirectory, config.InputWidth, config.InputHeight, report)
            : TrainingSetLoader.LoadFullResolution(_options.DatasetDirectory, report);
        var validationNames = DatasetSplit.ValidationNames(examples.Select(e => e.Name), _options.SplitSeed, _options.ValidationFraction);
        var training = examples.Where(e => !validationNames.Contains(e.Name)).ToList();
        if (training.Count < _options.Folds)
        {
            throw new InvalidDataException($"{training.Count} training images cannot be split into {_options.Folds} folds.");
        }

        var folds = KFoldSplit.Assign(training.Select(e => e.Name), _options.Folds, _options.FoldSeed);
        WriteFoldAssignment(folds);
        _log(string.Create(CultureInfo.InvariantCulture,
            $"{examples.Count} images loaded in {clock.Elapsed.TotalSeconds:0}s: {validationNames.Count} held out (split seed {_options.SplitSeed}), {training.Count} in {_options.Folds} folds (fold seed {_options.FoldSeed})"));

        var toRun = _options.OnlyFolds?.Distinct().Order().ToList() ?? Enumerable.Range(1, _options.Folds).ToList();
        var results = new List<SegmentationFoldResult>();
        for (var i = 0; i < toRun.Count; i++)
        {
            var fold = toRun[i];
            var foldTraining = training.Where(e => folds[e.Name] != fold - 1).ToList();
            var foldValidation = training.Where(e => folds[e.Name] == fold - 1).ToList();
            results.Add(TrainFold(fold, i, toRun.Count, foldTraining, foldValidation, progress, cancellation));
        }

        _log(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalMinutes:0.0} min"));
        _log(WriteSummary());
        return results;
    }

    /// <summary>
    /// Augments one batch and renders its targets; each image has its own seed, so threads don't matter. With
    /// <paramref name="strip"/> each film (full resolution) is first cut to its tile <paramref name="tiles"/>[b], jittered
    /// with the same seed's generator.
    /// </summary>
    internal static (Tensor Input, int[] Classes) BuildBatch(
        IReadOnlyList<TrainingExample> batch,
        int[] seeds,
        SegmentationNetConfig config,
        AugmentationSettings augmentation,
        StripTileSampling? strip = null,
        IReadOnlyList<int>? tiles = null)
    {
        if (strip is not null && (tiles is null || tiles.Count != batch.Count))
        {
            throw new ArgumentException("Strip tiles need one tile index per film.", nameof(tiles));
        }

        int n = batch.Count, width = config.InputWidth, height = config.InputHeight, plane = width * height;
        var input = new float[n * plane];
        var classes = new int[n * plane];
        Parallel.For(0, n, b =>
        {
            var random = new Random(seeds[b]);
            var example = strip is null ? batch[b] : strip.Sample(batch[b], tiles![b], width, height, random);
            var (image, corners) = LandmarkAugmenter.Apply(example.Input, example.Corners, augmentation, random);
            InputNormalizer.Standardize(image.Pixels, input.AsSpan(b * plane, plane));
            var target = SegmentationMasks.Render(corners, width, height);
            for (var i = 0; i < plane; i++)
            {
                classes[(b * plane) + i] = target.Pixels[i];
            }
        });
        return (new Tensor(input, n, 1, height, width), classes);
    }

    /// <summary>Mean body Dice of <paramref name="network"/> (arg-max class) on un-augmented images at the input size.</summary>
    internal static double Validate(SegmentationNet network, IReadOnlyList<TrainingExample> examples)
    {
        if (examples.Count == 0)
        {
            return double.NaN;
        }

        var config = network.Config;
        int width = config.InputWidth, height = config.InputHeight, plane = width * height;
        network.Eval();
        var dice = new List<double>();
        using (GradMode.NoGrad())
        {
            for (var start = 0; start < examples.Count; start += ValidationBatch)
            {
                var batch = examples.Skip(start).Take(ValidationBatch).ToList();
                var input = new float[batch.Count * plane];
                for (var b = 0; b < batch.Count; b++)
                {
                    InputNormalizer.Standardize(batch[b].Input.Pixels, input.AsSpan(b * plane, plane));
                }

                var logits = network.Forward(new Tensor(input, batch.Count, 1, height, width)).Data;
                for (var b = 0; b < batch.Count; b++)
                {
                    var predicted = SegmentationMasks.BodyMask(ClassProbabilities.ArgMax(logits.AsSpan(b * SegmentationNetConfig.Classes * plane, SegmentationNetConfig.Classes * plane), width, height));
                    var truth = SegmentationMasks.BodyMask(SegmentationMasks.Render(batch[b].Corners, width, height));
                    dice.Add(SegmentationMetrics.Dice(predicted.Pixels, truth.Pixels));
                }
            }
        }

        network.Train();
        return dice.Average();
    }

    private SegmentationFoldResult TrainFold(int fold, int index, int count, List<TrainingExample> training, List<TrainingExample> validation, IProgress<SegmentationTrainingProgress>? progress, CancellationToken cancellation)
    {
        var directory = Directory.CreateDirectory(FoldDirectory(_options.OutputDirectory, fold)).FullName;
        var modelPath = Path.Combine(_options.OutputDirectory, ModelFileName(fold));
        _log(string.Create(CultureInfo.InvariantCulture, $"fold {fold}/{_options.Folds}: {training.Count} training, {validation.Count} fold-validation images"));

        // Validation (and the threshold's calibration) sees what inference feeds the networks: the whole film, or every
        // tile planned from the labelled corners without jitter.
        var validationViews = ValidationViews(validation);
        var loop = new TrainingLoop(new FoldTask(this, fold, training, validationViews, validation.Count), new TrainingLoopOptions
        {
            Directory = directory,
            ModelPath = modelPath,
            Epochs = _options.Epochs,
            BatchSize = _options.BatchSize,
            LearningRate = _options.LearningRate,
            WeightDecay = _options.WeightDecay,
            WarmupSteps = total => Math.Clamp(total / 10, 1, 200),
            Seed = _options.Seed,
            SeedOffset = fold * 10_007,
            BudgetMinutes = _options.MinutesPerFold,
            Resume = _options.Resume,
            LogEverySteps = LogEverySteps,
            LogPrefix = string.Create(CultureInfo.InvariantCulture, $"fold {fold}: "),
        }, _log);
        var outcome = loop.Run(progress: progress is null ? null : new FoldProgress(progress, fold, index, count), cancellation: cancellation);
        EnsureCalibrated(fold, modelPath, validationViews);
        return new SegmentationFoldResult(fold, outcome.BestEpoch, outcome.BestScore, modelPath);
    }

    /// <summary>The network inputs of <paramref name="films"/>: themselves, or each film's unjittered strip tiles.</summary>
    private List<TrainingExample> ValidationViews(List<TrainingExample> films)
    {
        if (_strip is null)
        {
            return films;
        }

        int width = _options.Network.InputWidth, height = _options.Network.InputHeight;
        return [.. films.SelectMany(film => _strip.Plan(film, width, height).Select(tile => StripTileSampling.View(film, tile, width, height)))];
    }

    /// <summary>
    /// Adds the body threshold (<see cref="SegmentationCalibration"/>) chosen on the fold's validation
    /// images to the fold's model file, unless it has one (models of earlier versions get one on resume).
    /// </summary>
    private void EnsureCalibrated(int fold, string modelPath, IReadOnlyList<TrainingExample> validation)
    {
        if (!File.Exists(modelPath) || validation.Count == 0)
        {
            return;
        }

        var model = SegmentationModel.Load(modelPath);
        if (model.Metadata.ContainsKey(SegmentationModel.BodyThresholdKey))
        {
            return;
        }

        int width = model.Config.InputWidth, height = model.Config.InputHeight;
        var probabilities = new List<float[]>();
        var truths = new List<byte[]>();
        foreach (var example in validation)
        {
            var input = new float[width * height];
            InputNormalizer.Standardize(example.Input.Pixels, input);
            probabilities.Add(model.Probabilities(input));
            truths.Add(SegmentationMasks.Render(example.Corners, width, height).Pixels);
        }

        var calibrated = SegmentationCalibration.Calibrate(probabilities, truths, width, height);
        var metadata = new Dictionary<string, string>(model.Metadata)
        {
            [SegmentationModel.BodyThresholdKey] = calibrated.BodyThreshold.ToString("0.##", CultureInfo.InvariantCulture),
            ["fold_validation_dice_calibrated"] = calibrated.Dice.ToString("0.#####", CultureInfo.InvariantCulture),
        };
        ModuleWeights.Save(model.Network, modelPath, metadata);
        _log(string.Create(CultureInfo.InvariantCulture,
            $"fold {fold}: body threshold {calibrated.BodyThreshold:0.00} on the fold's validation images: Dice {calibrated.ArgMaxDice:0.0000} (arg-max) -> {calibrated.Dice:0.0000}"));
    }

    private Dictionary<string, string> ModelMetadata(int fold, int epoch, double dice, int trainingImages, int validationImages)
    {
        var metadata = new Dictionary<string, string>(_options.Network.ToMetadata())
        {
            ["fold"] = fold.ToString(CultureInfo.InvariantCulture),
            ["folds"] = _options.Folds.ToString(CultureInfo.InvariantCulture),
            ["fold_seed"] = _options.FoldSeed.ToString(CultureInfo.InvariantCulture),
            ["split_seed"] = _options.SplitSeed.ToString(CultureInfo.InvariantCulture),
            ["validation_fraction"] = _options.ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture),
            ["training_epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["training_images"] = trainingImages.ToString(CultureInfo.InvariantCulture),
            ["fold_validation_images"] = validationImages.ToString(CultureInfo.InvariantCulture),
            ["fold_validation_dice"] = dice.ToString("0.#####", CultureInfo.InvariantCulture),
            ["training_command"] = _options.CommandLine,
        };
        if (_options.GapDiceWeight > 0)
        {
            metadata["gap_dice_weight"] = _options.GapDiceWeight.ToString("R", CultureInfo.InvariantCulture);
        }

        if (_strip is not null)
        {
            metadata[SegmentationModel.StripTilesKey] = _strip.Tiles.ToString(CultureInfo.InvariantCulture);
            metadata["strip_tile_shift"] = _strip.Shift.ToString("R", CultureInfo.InvariantCulture);
            metadata["strip_tile_scale"] = _strip.Scale.ToString("R", CultureInfo.InvariantCulture);
        }

        TrainingRecord.RecordDate(metadata, _options.TrainingDate);
        return metadata;
    }

    /// <summary>
    /// Writes <c>summary.csv</c> from every fold model in the output folder (also those of earlier
    /// sessions, so folds trained separately add up) and <c>curves.png</c> from every fold's history;
    /// returns the K-fold mean line for the log.
    /// </summary>
    private string WriteSummary()
    {
        var rows = new List<(int Fold, string Epoch, double Dice, string Threshold, double CalibratedDice)>();
        for (var fold = 1; fold <= _options.Folds; fold++)
        {
            var path = Path.Combine(_options.OutputDirectory, ModelFileName(fold));
            if (File.Exists(path))
            {
                var metadata = SafeTensorsReader.Read(path).Metadata;
                rows.Add((fold, metadata.GetValueOrDefault("training_epoch", string.Empty), Number(metadata, "fold_validation_dice"),
                    metadata.GetValueOrDefault(SegmentationModel.BodyThresholdKey, string.Empty), Number(metadata, "fold_validation_dice_calibrated")));
            }
        }

        static double Mean(IEnumerable<double> values) => values.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        static double Number(IReadOnlyDictionary<string, string> metadata, string key) =>
            metadata.TryGetValue(key, out var stored) && double.TryParse(stored, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        var mean = Mean(rows.Select(r => r.Dice));
        var calibratedMean = Mean(rows.Select(r => r.CalibratedDice));
        var text = new StringBuilder("fold,best_epoch,fold_validation_dice,body_threshold,fold_validation_dice_calibrated\n");
        foreach (var (fold, epoch, dice, threshold, calibrated) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{fold},{epoch},{dice:0.#####},{threshold},{calibrated:0.#####}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"mean,,{mean:0.#####},,{calibratedMean:0.#####}\n");
        File.WriteAllText(Path.Combine(_options.OutputDirectory, "summary.csv"), text.ToString());
        var histories = Enumerable.Range(1, _options.Folds)
            .Select(fold => TrainingHistory.Read(Path.Combine(FoldDirectory(_options.OutputDirectory, fold), HistoryFile)))
            .ToList();
        WriteChart(histories, Path.Combine(_options.OutputDirectory, "curves.png"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{SegmentationArchitectures.Name(_options.Network.Architecture)}: {rows.Count} of {_options.Folds} fold models, fold-validation Dice {string.Join(", ", rows.Select(r => r.Dice.ToString("0.0000", CultureInfo.InvariantCulture)))}; K-fold mean {mean:0.0000} (arg-max), {calibratedMean:0.0000} (calibrated body threshold)");
    }

    /// <summary>The colours of <see cref="WriteChart"/>'s lines, in order, and their names for a chart's titles.</summary>
    internal static readonly (Rgb Color, string Name)[] ChartPalette =
        [(Rgb.Blue, "blue"), (Rgb.Red, "red"), (new(0, 150, 0), "green"), (new(230, 140, 0), "orange"), (new(140, 0, 170), "purple")];

    /// <summary>
    /// Draws every run's training loss (left) and fold-validation Dice (right) against epochs, one colour per run in
    /// <see cref="ChartPalette"/>'s order, then repeating; runs without a history are skipped in their colour. The runs
    /// are a run's folds unless the titles say otherwise (say which colour is what: the panels have no legend).
    /// </summary>
    internal static void WriteChart(IReadOnlyList<TrainingHistory?> histories, string path, string lossTitle = "training loss per fold", string diceTitle = "fold-validation Dice per fold")
    {
        Rgb Color(int i) => ChartPalette[i % ChartPalette.Length].Color;
        var chart = LineChart.Render(
        [
            new ChartPanel(lossTitle, [.. histories.Select((h, i) => new ChartSeries(h?.Column("loss") ?? [], Color(i)))]),
            new ChartPanel(diceTitle, [.. histories.Select((h, i) => new ChartSeries(h?.Column("val_dice") ?? [], Color(i)))]),
        ]);
        File.WriteAllBytes(path, PngEncoder.Encode(chart));
    }

    private void WriteFoldAssignment(IReadOnlyDictionary<string, int> folds)
    {
        var text = new StringBuilder("image,fold\n");
        foreach (var (name, fold) in folds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name},{fold + 1}\n");
        }

        File.WriteAllText(Path.Combine(_options.OutputDirectory, "folds.csv"), text.ToString());
    }

    /// <summary>One fold's part of the loop: cross-entropy plus body (and gap) Dice, fold-validation Dice, the fold's metadata.</summary>
    /// <remarks>
    /// With strip tiles example i is tile i mod <see cref="StripTileSampling.Tiles"/> of film i / that count, so an epoch
    /// shows every tile of every film once.
    /// </remarks>
    private sealed class FoldTask(SegmentationTrainer trainer, int fold, List<TrainingExample> training, List<TrainingExample> validation, int validationFilms) : ITrainingTask
    {
        private readonly int _tilesPerFilm = trainer._strip?.Tiles ?? 1;

        private readonly SegmentationNet _network = new(trainer._options.Network, new Random(unchecked((trainer._options.Seed * 7919) + fold)));

        public Module Network => _network;

        public int ExampleCount => training.Count * _tilesPerFilm;

        public IReadOnlyList<string> LossTerms { get; } = trainer._options.GapDiceWeight > 0 ? ["cross_entropy", "dice_loss", "gap_dice_loss"] : ["cross_entropy", "dice_loss"];

        public IReadOnlyList<string> ValidationColumns { get; } = ["val_dice"];

        public bool HigherScoreIsBetter => true;

        // The gap term changes the loss and the history's columns, so a checkpoint resumes only under the same weight.
        public string Design => TrainingDesign.WithOption(trainer._options.Network.Describe(), "gap dice", trainer._options.GapDiceWeight);

        public (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds)
        {
            var (input, classes) = BuildBatch(
                [.. batch.Select(i => training[i / _tilesPerFilm])],
                [.. seeds],
                trainer._options.Network,
                trainer._options.Augmentation,
                trainer._strip,
                [.. batch.Select(i => i % _tilesPerFilm)]);
            var gapWeight = trainer._options.GapDiceWeight;
            var (loss, crossEntropy, dice, gapDice) = SegmentationLoss.Compute(_network.Forward(input), classes, gapWeight);
            return (loss, gapWeight > 0 ? [crossEntropy, dice, gapDice] : [crossEntropy, dice]);
        }

        public Module CreateAverageModule() => new SegmentationNet(trainer._options.Network, new Random(0));

        public EpochValidation Validate(Module model)
        {
            var dice = SegmentationTrainer.Validate((SegmentationNet)model, validation);
            return new EpochValidation(dice, [dice], string.Create(CultureInfo.InvariantCulture, $"fold-validation Dice {dice:0.0000}"));
        }

        public IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation figures) =>
            trainer.ModelMetadata(fold, epoch, figures.Score, training.Count, validationFilms);
    }

    /// <summary>Turns the loop's progress into the fold-aware progress of the CLI.</summary>
    private sealed class FoldProgress(IProgress<SegmentationTrainingProgress> inner, int fold, int index, int count) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(new SegmentationTrainingProgress(fold, index, count, value));
    }
}
