using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Training;

/// <summary>
/// Trains a <see cref="VertebraNet"/> on a challenge-layout dataset through <see cref="TrainingLoop"/>:
/// seeded split, augmentation and hint simulation, centre-detection loss, an exponential moving average
/// of the weights (what is validated and shipped), the best model by validation mean radial error written
/// with its figures in the metadata, curves redrawn after every epoch.
/// </summary>
public sealed class LandmarkTrainer
{
    /// <summary>File name of the resumable checkpoint in the output folder.</summary>
    public const string CheckpointFile = TrainingLoop.CheckpointFile;

    /// <summary>File name of the best model in the output folder.</summary>
    public const string ModelFile = "model.safetensors";

    private const float EmaDecay = 0.998f;

    private static readonly string[] ValidationColumns = ["val_mre_px", "val_smape_pct", "val_mae1", "val_mae2", "val_mae3", "val_circular_mae", "val_images"];

    private readonly LandmarkTrainingOptions _options;
    private readonly Action<string> _log;
    private FieldOfViewAugmenter? _fieldOfView;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public LandmarkTrainer(LandmarkTrainingOptions options, Action<string>? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Network.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _log = log ?? (_ => { });
    }

    /// <summary>Trains; returns the validation figures of the best epoch (also when an earlier session found it).</summary>
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

        if (_options.SurroundingsDirectory is { } surroundings)
        {
            var films = FullSpineDataset.Load(surroundings).SurroundingFilms;
            _fieldOfView = new FieldOfViewAugmenter(_options.FieldOfView, FieldOfViewAugmenter.LoadSurroundings(films, config.InputWidth, config.InputHeight));
            _log($"field of view: {films.Count} full-spine films of {surroundings} as surroundings (transplant {_options.FieldOfView.TransplantProbability:0.##}, cut {_options.FieldOfView.CropProbability:0.##})");
        }

        var task = new Task(this, training, validation, examples.Max(e => e.Truth.Vertebrae.Count));
        if (_options.InitialWeights is { } initial && !(_options.Resume && File.Exists(Path.Combine(_options.OutputDirectory, CheckpointFile))))
        {
            var (copied, partial, left) = ModuleWeights.ApplyOverlapping(task.Network, SafeTensorsReader.Read(initial).Tensors);
            _log($"started from {initial}: {copied} tensors copied, {partial} partly (a different head), {left} initialised afresh");
        }

        var loop = new TrainingLoop(task, _options.LoopOptions(ModelFile, total => Math.Min(300, total / 4), EmaDecay), _log);
        var outcome = loop.Run(history => WriteChart(history, Path.Combine(_options.OutputDirectory, "curves.png")), progress, cancellation);
        var best = FiguresOf(outcome.History, outcome.BestEpoch);
        _log(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalMinutes:0.0} min; best validation (epoch {outcome.BestEpoch}): {best}"));
        return best;
    }

    /// <summary>
    /// Draws training loss (left) and validation error in pixels and SMAPE (right) against epochs: the curves of every
    /// model scored on landmarks (this trainer's and the corner refiner's, whose histories have these columns).
    /// </summary>
    internal static void WriteChart(TrainingHistory history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        var chart = LineChart.Render(
        [
            new ChartPanel("training loss", [new ChartSeries(history.Column("loss"), Rgb.Blue)]),
            new ChartPanel("val MRE px (red), SMAPE % (green)",
                [new ChartSeries(history.Column("val_mre_px"), Rgb.Red), new ChartSeries(history.Column("val_smape_pct"), new Rgb(0, 150, 0))]),
        ]);
        File.WriteAllBytes(path, PngEncoder.Encode(chart));
    }

    private static ValidationFigures FiguresOf(TrainingHistory history, int epoch)
    {
        var row = history.Rows.LastOrDefault(r => (int)r[0] == epoch);
        if (row is null)
        {
            return new ValidationFigures(0, double.NaN, double.NaN, default, double.NaN);
        }

        double Value(string column) => row[history.Columns.ToList().IndexOf(column)];
        return new ValidationFigures((int)Value("val_images"), Value("val_mre_px"), Value("val_smape_pct"),
            new AngleTriple(Value("val_mae1"), Value("val_mae2"), Value("val_mae3")), Value("val_circular_mae"));
    }

    /// <summary>Augments, simulates hints and encodes targets for one batch; each image has its own seed, so threads don't matter.</summary>
    internal (Tensor Input, Tensor Heat, Tensor Offsets, Tensor Weights, Tensor Levels) BuildBatch(TrainingExample[] batch, int[] seeds, VertebraCenterCodec codec, VertebraNetConfig config)
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
            var (input0, corners0) = _fieldOfView is { } fieldOfView ? fieldOfView.Apply(batch[b].Input, batch[b].Corners, (double)batch[b].Truth.Size.Height / batch[b].Truth.Size.Width, random) : (batch[b].Input, batch[b].Corners);
            var (image, corners) = LandmarkAugmenter.Apply(input0, corners0, augmentation, random);
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

    private Dictionary<string, string> ModelMetadata(VertebraLevel firstLevel, int levelCount, int epoch, ValidationFigures figures, int trainingImages, int validationImages)
    {
        var metadata = new Dictionary<string, string>(_options.Network.ToMetadata());
        foreach (var (key, value) in LandmarkModel.LevelMetadata(firstLevel, levelCount))
        {
            metadata[key] = value;
        }

        metadata["training_command"] = _options.CommandLine;
        TrainingRecord.RecordDate(metadata, _options.TrainingDate);
        metadata["training_epoch"] = epoch.ToString(CultureInfo.InvariantCulture);
        metadata["training_images"] = trainingImages.ToString(CultureInfo.InvariantCulture);
        metadata["validation_images"] = validationImages.ToString(CultureInfo.InvariantCulture);
        metadata["split_seed"] = _options.SplitSeed.ToString(CultureInfo.InvariantCulture);
        metadata["validation_fraction"] = _options.ValidationFraction.ToString("R", CultureInfo.InvariantCulture);
        metadata["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture);
        metadata["validation"] = figures.ToString();
        if (_options.SurroundingsDirectory is not null)
        {
            metadata[LandmarkModel.FieldOfViewKey] = "1";
        }

        return metadata;
    }

    /// <summary>The landmark model's part of the loop: centre-detection loss, chain-decoded validation, its metadata.</summary>
    private sealed class Task : ITrainingTask
    {
        private readonly LandmarkTrainer _trainer;
        private readonly List<TrainingExample> _training;
        private readonly List<TrainingExample> _validation;
        private readonly int _levelCount;
        private readonly VertebraNet _network;
        private readonly VertebraCenterCodec _codec;
        private ValidationFigures? _last;

        public Task(LandmarkTrainer trainer, List<TrainingExample> training, List<TrainingExample> validation, int levelCount)
        {
            _trainer = trainer;
            _training = training;
            _validation = validation;
            _levelCount = levelCount;
            var config = trainer._options.Network;
            _network = new VertebraNet(config, new Random(trainer._options.Seed));
            _codec = new VertebraCenterCodec(config.OutputWidth, config.OutputHeight, VertebraNetConfig.OutputStride, config.LevelChannel);
        }

        public Module Network => _network;

        public int ExampleCount => _training.Count;

        public IReadOnlyList<string> LossTerms { get; } = ["heat", "offsets", "levels"];

        public IReadOnlyList<string> ValidationColumns => LandmarkTrainer.ValidationColumns;

        public bool HigherScoreIsBetter => false;

        public string Design => _trainer._options.Network.Describe();

        public (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds)
        {
            var (input, heat, offsets, weights, levels) = _trainer.BuildBatch([.. batch.Select(i => _training[i])], [.. seeds], _codec, _trainer._options.Network);
            var (loss, heatLoss, offsetLoss, levelLoss) = CenterDetectionLoss.Compute(_network.Forward(input), heat, offsets, weights, levels);
            return (loss, [heatLoss, offsetLoss, levelLoss]);
        }

        public Module CreateAverageModule() => new VertebraNet(_trainer._options.Network, new Random(_trainer._options.Seed));

        public EpochValidation Validate(Module model)
        {
            var figures = _validation.Count > 0
                ? LandmarkValidation.Evaluate(new LandmarkDetector(LandmarkModel.FromNetwork((VertebraNet)model, VertebraLevel.T1, _levelCount, _trainer._options.SurroundingsDirectory is null ? null : new Dictionary<string, string> { [LandmarkModel.FieldOfViewKey] = "1" })), _validation).Figures
                : new ValidationFigures(0, double.NaN, double.NaN, default, double.NaN);
            var validation = new EpochValidation(figures.MeanRadialError,
                [figures.MeanRadialError, figures.Smape, figures.AngleMae.First, figures.AngleMae.Second, figures.AngleMae.Third, figures.CircularMae, figures.Images],
                figures.ToString());
            _last = figures;
            return validation;
        }

        public IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation validation) =>
            _trainer.ModelMetadata(VertebraLevel.T1, _levelCount, epoch, _last!, _training.Count, _validation.Count);
    }
}
