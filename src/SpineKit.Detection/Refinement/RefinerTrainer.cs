using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Training;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;
using SpineKit.Neural;
using SpineKit.Neural.Layers;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// Trains a <see cref="CornerRefinerNet"/> through <see cref="TrainingLoop"/>: every vertebra of every training
/// film is one example, cropped from the original film on a frame jittered by the first stages' measured errors
/// (<see cref="FrameErrorSample"/>), mirrored with its corners relabelled, varied in contrast and noise; the loss
/// is the corners' L1 error plus the endplates' direction error; validation refines what the first stages found on
/// the validation films and scores it as <c>evaluate landmarks</c> does (mean radial error, SMAPE).
/// </summary>
public sealed class RefinerTrainer
{
    /// <summary>File name of the best model in the output folder.</summary>
    public const string ModelFile = "model.safetensors";

    /// <summary>File name of the measured frame errors in the output folder.</summary>
    public const string FrameErrorsFile = "frame-errors.csv";

    private const float EmaDecay = 0.998f;
    private const float EndplateWeight = 0.5f;

    private static readonly string[] Columns = ["val_mre_px", "val_smape_pct", "val_mae1", "val_mae2", "val_mae3", "val_images"];

    private readonly RefinerTrainingOptions _options;
    private readonly Action<string> _log;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public RefinerTrainer(RefinerTrainingOptions options, Action<string>? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Network.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _log = log ?? (_ => { });
    }

    /// <summary>Trains; returns the summary of the best epoch's validation.</summary>
    public string Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_options.OutputDirectory);
        var (training, validation) = TrainingSetLoader.LoadFullResolutionSplit(_options.DatasetDirectory, _options.SplitSeed, _options.ValidationFraction, _log);

        var errorsPath = Path.Combine(_options.OutputDirectory, FrameErrorsFile);
        FrameErrorSample errors;
        if (File.Exists(errorsPath))
        {
            errors = FrameErrorSample.Load(errorsPath);
            _log($"frame errors of the first stages read from {errorsPath}: {errors.Describe()}");
        }
        else
        {
            errors = FrameErrorSample.Measure(_options.Detector, training, _options.Network.Context);
            errors.Save(errorsPath);
            _log($"frame errors of the first stages on the training films: {errors.Describe()}");
        }

        var firstStage = validation.Select(film => FrameErrorSample.Predict(_options.Detector, film)).ToList();
        var validationErrors = FrameErrorSample.Of(validation.Zip(firstStage).SelectMany(pair => FrameErrorSample.ErrorsOf(pair.Second, pair.First.Truth, _options.Network.Context)));
        _log($"frame errors of the first stages on the validation films (for comparison, not used): {validationErrors.Describe()}");
        _log($"first stages alone on the validation films: {Score(validation, firstStage).Summary}");

        var task = new Task(this, training, validation, firstStage, errors);
        var loop = new TrainingLoop(task, _options.LoopOptions(ModelFile, total => Math.Min(300, total / 10), EmaDecay), _log);
        var outcome = loop.Run(history => LandmarkTrainer.WriteChart(history, Path.Combine(_options.OutputDirectory, "curves.png")), progress, cancellation);
        var row = outcome.History.Rows.LastOrDefault(r => (int)r[0] == outcome.BestEpoch);
        var best = row is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"epoch {outcome.BestEpoch}: MRE {row[outcome.History.Columns.ToList().IndexOf("val_mre_px")]:0.0} px, SMAPE {row[outcome.History.Columns.ToList().IndexOf("val_smape_pct")]:0.00} %");
        _log(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalMinutes:0.0} min; best validation {best}"));
        return best;
    }

    /// <summary>The validation of one epoch: the figures as the landmark trainer records them, in this trainer's history columns.</summary>
    internal static EpochValidation Score(IReadOnlyList<TrainingExample> films, IReadOnlyList<LandmarkSet?> predictions)
    {
        var figures = LandmarkValidation.Score(films, predictions);
        return new EpochValidation(figures.MeanRadialError,
            [figures.MeanRadialError, figures.Smape, figures.AngleMae.First, figures.AngleMae.Second, figures.AngleMae.Third, figures.Images],
            figures.ToString());
    }

    /// <summary>
    /// One training crop: the true frame jittered by a measured error, optionally mirrored, varied in contrast and
    /// noise, normalised as the design says into <paramref name="destination"/> (with CLAHE, grey the variation pushes
    /// outside [0, 1] is clipped by its 256-level quantisation, a saturation real exposures also show); returns the true corners in crop pixels (in the
    /// mirrored crop: the corners relabelled so tl stays top-left).
    /// </summary>
    internal static Vector2[] BuildCrop(TrainingExample film, Vertebra vertebra, FrameErrorSample errors, RefinerTrainingOptions options, float border, Random random, Span<float> destination)
    {
        var size = options.Network.CropSize;
        var truth = vertebra.CornerArray();
        var frame = VertebraFrame.FromCorners(truth, options.Network.Context).Perturb(errors.Draw(random, options.JitterScale));
        var toCrop = frame.ToCrop(size);
        var mirrored = random.NextDouble() < 0.5;
        if (mirrored)
        {
            toCrop = toCrop.Then(AffineTransform.FlipHorizontal(size));
        }

        var crop = RefinerCrops.Cut(film.Input, toCrop, size, border);
        VaryIntensity(crop.Pixels, random);
        RefinerCrops.Normalize(crop, options.Network.Normalization, destination);
        var corners = truth.Select(p => toCrop.Apply(new Vector2((float)p.X, (float)p.Y))).ToArray();
        return mirrored ? [corners[1], corners[0], corners[3], corners[2]] : corners;
    }

    /// <summary>Gamma, contrast and brightness changes and Gaussian noise, as exposure and detector differences make them.</summary>
    internal static void VaryIntensity(Span<float> pixels, Random random)
    {
        var gamma = Math.Exp((random.NextDouble() * 2 - 1) * Math.Log(1.5));
        var contrast = 1 + ((random.NextDouble() * 2 - 1) * 0.25);
        var brightness = (random.NextDouble() * 2 - 1) * 0.1;
        var noise = random.NextDouble() * 0.03;
        for (var i = 0; i < pixels.Length; i++)
        {
            var value = Math.Pow(Math.Clamp(pixels[i], 0f, 1f), gamma);
            pixels[i] = (float)((value * contrast) + brightness + (noise * Gaussian(random)));
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private Dictionary<string, string> ModelMetadata(int epoch, EpochValidation validation, int trainingFilms, int validationFilms, FrameErrorSample errors)
    {
        var metadata = TrainingRecord.Describe(_options.Network.ToMetadata(), _options.CommandLine, _options.TrainingDate, epoch, trainingFilms, validationFilms, _options.SplitSeed, _options.Seed, validation.Summary);
        metadata["frame_errors"] = errors.Describe();
        metadata["jitter_scale"] = string.Create(CultureInfo.InvariantCulture, $"{_options.JitterScale.Min:R}-{_options.JitterScale.Max:R}");
        foreach (var (name, source) in new[] { ("first_stage_model", _options.Detector.Model.Source), ("first_stage_locator", _options.Detector.Locator?.Model.Source) })
        {
            if (source is not null)
            {
                metadata[name] = source.ToString();
            }
        }

        return metadata;
    }

    /// <summary>The refiner's part of the loop.</summary>
    private sealed class Task : ITrainingTask
    {
        private readonly RefinerTrainer _trainer;
        private readonly List<TrainingExample> _training;
        private readonly List<TrainingExample> _validation;
        private readonly List<LandmarkSet?> _firstStage;
        private readonly FrameErrorSample _errors;
        private readonly (int Film, Vertebra Vertebra)[] _examples;
        private readonly float[] _borders;
        private readonly CornerRefinerNet _network;

        public Task(RefinerTrainer trainer, List<TrainingExample> training, List<TrainingExample> validation, List<LandmarkSet?> firstStage, FrameErrorSample errors)
        {
            _trainer = trainer;
            _training = training;
            _validation = validation;
            _firstStage = firstStage;
            _errors = errors;
            _examples = [.. training.SelectMany((film, index) => film.Truth.Vertebrae.Where(v => v.HasLowerEndplate).Select(v => (index, v)))];
            _borders = [.. training.Select(film => RefinerCrops.BorderValue(film.Input))];
            _network = new CornerRefinerNet(trainer._options.Network, new Random(trainer._options.Seed));
        }

        public Module Network => _network;

        public int ExampleCount => _examples.Length;

        public IReadOnlyList<string> LossTerms { get; } = ["corners", "endplates"];

        public IReadOnlyList<string> ValidationColumns => Columns;

        public bool HigherScoreIsBetter => false;

        public string Design => _trainer._options.Network.Describe();

        public (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds)
        {
            var options = _trainer._options;
            var size = options.Network.CropSize;
            var plane = size * size;
            var input = new float[batch.Count * plane];
            var target = new float[batch.Count * 8];
            Parallel.For(0, batch.Count, b =>
            {
                var (film, vertebra) = _examples[batch[b]];
                var corners = BuildCrop(_training[film], vertebra, _errors, options, _borders[film], new Random(seeds[b]), input.AsSpan(b * plane, plane));
                for (var k = 0; k < 4; k++)
                {
                    target[(b * 8) + (2 * k)] = corners[k].X;
                    target[(b * 8) + (2 * k) + 1] = corners[k].Y;
                }
            });

            var predicted = _network.Corners(new Tensor(input, batch.Count, 1, size, size));
            var truth = new Tensor(target, batch.Count, 4, 2);

            // Errors in output cells (4 crop pixels), so the loss is of order one whatever the crop size.
            var scale = 1f / CornerRefinerConfig.OutputStride;
            var corners = Functional.Mean(Functional.Abs((predicted - truth) * scale));
            var endplates = Functional.Mean(Functional.Abs((Endplates(predicted) - Endplates(truth)) * scale));
            var loss = corners + (endplates * EndplateWeight);
            return (loss, [corners.Data[0], endplates.Data[0]]);
        }

        /// <summary>The upper (tr - tl) and lower (br - bl) endplate vectors <c>[N, 2, 2]</c>: their directions set the Cobb angles.</summary>
        private static Tensor Endplates(Tensor corners) => Functional.Concat(1,
            Functional.Narrow(corners, 1, 1, 1) - Functional.Narrow(corners, 1, 0, 1),
            Functional.Narrow(corners, 1, 3, 1) - Functional.Narrow(corners, 1, 2, 1));

        public Module CreateAverageModule() => new CornerRefinerNet(_trainer._options.Network, new Random(_trainer._options.Seed));

        public EpochValidation Validate(Module model)
        {
            var refiner = new CornerRefiner(CornerRefinerModel.FromNetwork((CornerRefinerNet)model));
            var refined = _validation.Select((film, i) => _firstStage[i] is { } found ? refiner.Refine(film.Input, found) : null).ToList();
            return Score(_validation, refined);
        }

        public IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation validation) =>
            _trainer.ModelMetadata(epoch, validation, _training.Count, _validation.Count, _errors);
    }
}
