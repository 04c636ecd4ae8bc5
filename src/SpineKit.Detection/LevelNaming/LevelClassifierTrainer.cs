using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Imaging.Transforms;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// Trains a <see cref="LevelClassifierNet"/> through <see cref="TrainingLoop"/>: every labelled vertebra of every
/// training film is one example (T1-L5 as labelled; C7 and S1 one body above T1 and below L5, placed by the
/// step between the two end vertebrae, where that lies on the film). Each crop is framed on the true corners
/// jittered as a detector errs, mirrored, cut at a random edge above or below (partial views end at the film's
/// edge, and the edge must not say "T1" or "L5"), blurred as a low-resolution film would be, varied in contrast.
/// Validation names chains of true vertebrae (every window of five levels, the thoracic T1-T12 and lumbar T12-L5
/// runs) and scores how often the right naming wins.
/// </summary>
public sealed class LevelClassifierTrainer
{
    /// <summary>File name of the model in the output folder.</summary>
    public const string ModelFile = "model.safetensors";

    private const float EmaDecay = 0.998f;
    private const int WindowLength = 5;

    private static readonly string[] Columns = ["val_crop_accuracy_pct", "val_window_naming_pct", "val_view_naming_pct", "val_films"];

    private readonly LevelClassifierTrainingOptions _options;
    private readonly Action<string> _log;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public LevelClassifierTrainer(LevelClassifierTrainingOptions options, Action<string>? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Network.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _log = log ?? (_ => { });
    }

    /// <summary>Trains; returns the summary of the kept epoch's validation.</summary>
    public string Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_options.OutputDirectory);
        var (training, validation) = TrainingSetLoader.LoadFullResolutionSplit(_options.DatasetDirectory, _options.SplitSeed, _options.ValidationFraction, _log);

        var task = new Task(this, training, validation);
        _log($"{task.ExampleCount} training vertebrae (C7 and S1 placed one step beyond T1 and L5)");
        var loop = new TrainingLoop(task, _options.LoopOptions(ModelFile, total => Math.Min(300, total / 10), EmaDecay), _log);
        var outcome = loop.Run(history => WriteChart(history, Path.Combine(_options.OutputDirectory, "curves.png")), progress, cancellation);
        var row = outcome.History.Rows.LastOrDefault(r => (int)r[0] == outcome.BestEpoch);
        var columns = outcome.History.Columns.ToList();
        var best = row is null ? "none" : string.Create(CultureInfo.InvariantCulture,
            $"epoch {outcome.BestEpoch}: crops {row[columns.IndexOf(Columns[0])]:0.0} %, five-level windows named right {row[columns.IndexOf(Columns[1])]:0.0} %, thoracic/lumbar runs {row[columns.IndexOf(Columns[2])]:0.0} %");
        _log(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalMinutes:0.0} min; kept {best}"));
        return best;
    }

    /// <summary>
    /// The labelled vertebrae of a film as (corners, class index): T1-L5 as labelled, C7 and S1 as copies of T1 and
    /// L5 moved by the step to their neighbour, when their centre lies on the film.
    /// </summary>
    internal static IEnumerable<(Point2[] Corners, int Class)> Examples(LandmarkSet truth)
    {
        var classes = LevelClassifierConfig.Classes;
        for (var k = 1; k < classes.Count - 1; k++)
        {
            if (truth.Find(classes[k]) is { HasLowerEndplate: true } vertebra)
            {
                yield return (vertebra.CornerArray(), k);
            }
        }

        foreach (var (end, neighbour, k) in new[] { (VertebraLevel.T1, VertebraLevel.T2, 0), (VertebraLevel.L5, VertebraLevel.L4, classes.Count - 1) })
        {
            if (truth.Find(end) is { HasLowerEndplate: true } a && truth.Find(neighbour) is { HasLowerEndplate: true } b)
            {
                var step = a.Center - b.Center;
                var moved = a.CornerArray().Select(p => p + step).ToArray();
                var centre = a.Center + step;
                if (centre.X >= 0 && centre.Y >= 0 && centre.X < truth.Size.Width && centre.Y < truth.Size.Height)
                {
                    yield return (moved, k);
                }
            }
        }
    }

    /// <summary>
    /// One training crop into <paramref name="destination"/>: the true frame jittered, mirrored half the time, cut at
    /// a random edge 0.6-3 body heights above or below the centre (40 %), blurred (30 %), varied in intensity, and
    /// stretched along the axis by exp(<paramref name="aspectJitter"/> x a Gaussian) when that is above zero.
    /// </summary>
    internal static void BuildCrop(Image<float> film, Point2[] corners, LevelClassifierConfig config, float border, Random random, Span<float> destination, double aspectJitter = 0)
    {
        var size = config.CropSize;
        var truth = VertebraFrame.FromCorners(corners, config.Context);
        var frame = truth.Perturb(new FrameError(0.02 * Gaussian(random), 0.02 * Gaussian(random), 0.12 * Gaussian(random), 3 * Math.PI / 180 * Gaussian(random)));
        // Drawn only when asked for, so runs without the stretch keep their augmentation draw for draw.
        var stretch = aspectJitter > 0 ? Math.Exp(aspectJitter * Gaussian(random)) : 1;
        var crop = LevelCrops.Cut(film, frame, size, border, mirrored: random.NextDouble() < 0.5, stretch);
        if (random.NextDouble() < 0.4)
        {
            var height = Point2.Distance(Point2.Midpoint(corners[0], corners[1]), Point2.Midpoint(corners[2], corners[3]));
            var bodyRows = size * height * stretch / frame.Side;
            var distance = (0.6 + (2.4 * random.NextDouble())) * bodyRows;
            var above = random.NextDouble() < 0.5;
            var edge = (int)Math.Round((size / 2.0) + (above ? -distance : distance));
            for (var y = 0; y < size; y++)
            {
                if (above ? y < edge : y >= edge)
                {
                    crop.Row(y).Fill(border);
                }
            }
        }

        if (random.NextDouble() < 0.3)
        {
            crop = GaussianBlur.Apply(crop, 0.5 + random.NextDouble());
        }

        RefinerTrainer.VaryIntensity(crop.Pixels, random);
        RefinerCrops.Normalize(crop, InputNormalization.Standardize, destination);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// The validation figures from each film's log-probabilities at its true vertebrae: crop accuracy, and how often
    /// the best shift of a chain's names is no shift, over every five-level window and the thoracic and lumbar runs.
    /// </summary>
    internal static EpochValidation Score(IReadOnlyList<IReadOnlyList<(int Class, float[] LogProbabilities)>> films)
    {
        int crops = 0, cropsRight = 0, windows = 0, windowsRight = 0, views = 0, viewsRight = 0;
        foreach (var film in films)
        {
            foreach (var (k, p) in film)
            {
                crops++;
                cropsRight += Array.IndexOf(p, p.Max()) == k ? 1 : 0;
            }

            var challenge = film.Where(e => e.Class is >= 1 and <= 17).OrderBy(e => e.Class).ToList();
            bool NamedRight(IReadOnlyList<(int Class, float[] LogProbabilities)> chain) =>
                chain.Count >= LevelClassifier.MinimumVertebrae
                && LevelClassifier.ScoreShifts([.. chain.Select(e => e.LogProbabilities)], [.. chain.Select(e => e.Class)]).MaxBy(s => s.Score).Shift == 0;
            for (var start = 1; start + WindowLength - 1 <= 17; start++)
            {
                var window = challenge.Where(e => e.Class >= start && e.Class < start + WindowLength).ToList();
                if (window.Count == WindowLength)
                {
                    windows++;
                    windowsRight += NamedRight(window) ? 1 : 0;
                }
            }

            // T1-T12 and T12-L5: the thoracic-only and lumbar-only views' vertebrae.
            foreach (var (from, to) in new[] { (1, 12), (12, 17) })
            {
                var run = challenge.Where(e => e.Class >= from && e.Class <= to).ToList();
                if (run.Count >= 3)
                {
                    views++;
                    viewsRight += NamedRight(run) ? 1 : 0;
                }
            }
        }

        double Percent(int right, int total) => total == 0 ? double.NaN : 100.0 * right / total;
        var values = new[] { Percent(cropsRight, crops), Percent(windowsRight, windows), Percent(viewsRight, views), films.Count };
        return new EpochValidation(values[1], values, string.Create(CultureInfo.InvariantCulture,
            $"crops classified right {values[0]:0.0} % of {crops}, five-level windows named right {values[1]:0.0} % of {windows}, thoracic/lumbar runs {values[2]:0.0} % of {views}"));
    }

    /// <summary>Training loss (left) and the validation naming figures (right) against epochs.</summary>
    private static void WriteChart(TrainingHistory history, string path)
    {
        var chart = LineChart.Render(
        [
            new ChartPanel("training loss", [new ChartSeries(history.Column("loss"), Rgb.Blue)]),
            new ChartPanel("val % crops right (red), windows named right (green), views (blue)",
                [new ChartSeries(history.Column(Columns[0]), Rgb.Red), new ChartSeries(history.Column(Columns[1]), new Rgb(0, 150, 0)), new ChartSeries(history.Column(Columns[2]), Rgb.Blue)]),
        ]);
        File.WriteAllBytes(path, PngEncoder.Encode(chart));
    }

    private Dictionary<string, string> ModelMetadata(int epoch, EpochValidation validation, int trainingFilms, int validationFilms) =>
        TrainingRecord.Describe(_options.Network.ToMetadata(), _options.CommandLine, _options.TrainingDate, epoch, trainingFilms, validationFilms, _options.SplitSeed, _options.Seed, validation.Summary);

    /// <summary>The level classifier's part of the loop.</summary>
    private sealed class Task : ITrainingTask
    {
        private readonly LevelClassifierTrainer _trainer;
        private readonly List<TrainingExample> _training;
        private readonly List<TrainingExample> _validation;
        private readonly (int Film, Point2[] Corners, int Class)[] _examples;
        private readonly float[] _borders;
        private readonly float[] _validationBorders;
        private readonly LevelClassifierNet _network;
        private readonly CrossEntropyLoss _loss = new();

        public Task(LevelClassifierTrainer trainer, List<TrainingExample> training, List<TrainingExample> validation)
        {
            _trainer = trainer;
            _training = training;
            _validation = validation;
            _examples = [.. training.SelectMany((film, index) => Examples(film.Truth).Select(e => (index, e.Corners, e.Class)))];
            _borders = [.. training.Select(film => RefinerCrops.BorderValue(film.Input))];
            _validationBorders = [.. validation.Select(film => RefinerCrops.BorderValue(film.Input))];
            _network = new LevelClassifierNet(trainer._options.Network, new Random(trainer._options.Seed));
        }

        public Module Network => _network;

        public int ExampleCount => _examples.Length;

        public IReadOnlyList<string> LossTerms { get; } = ["cross_entropy"];

        public IReadOnlyList<string> ValidationColumns => Columns;

        public bool HigherScoreIsBetter => true;

        // The stretch changes the training recipe, so a checkpoint resumes only under the same one.
        public string Design => TrainingDesign.WithOption(_trainer._options.Network.Describe(), "aspect jitter", _trainer._options.AspectJitter);

        public (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds)
        {
            var config = _trainer._options.Network;
            var size = config.CropSize;
            var plane = size * size;
            var input = new float[batch.Count * plane];
            var targets = new int[batch.Count];
            Parallel.For(0, batch.Count, b =>
            {
                var (film, corners, k) = _examples[batch[b]];
                BuildCrop(_training[film].Input, corners, config, _borders[film], new Random(seeds[b]), input.AsSpan(b * plane, plane), _trainer._options.AspectJitter);
                targets[b] = k;
            });

            var loss = _loss.Forward(_network.Forward(new Tensor(input, batch.Count, 1, size, size)), targets);
            return (loss, [loss.Data[0]]);
        }

        public Module CreateAverageModule() => new LevelClassifierNet(_trainer._options.Network, new Random(_trainer._options.Seed));

        public EpochValidation Validate(Module model)
        {
            var classifier = new LevelClassifier(LevelClassifierModel.FromNetwork((LevelClassifierNet)model));
            var config = _trainer._options.Network;
            var films = new List<IReadOnlyList<(int, float[])>>();
            for (var i = 0; i < _validation.Count; i++)
            {
                var examples = Examples(_validation[i].Truth).ToList();
                var vertebrae = examples.Select(e => Vertebra.FromCorners(LevelClassifierConfig.Classes[e.Class], e.Corners)).ToList();
                var probabilities = vertebrae.Count == 0 ? [] : classifier.LogProbabilities(_validation[i].Input, vertebrae);
                films.Add([.. examples.Select((e, j) => (e.Class, probabilities[j]))]);
            }

            return Score(films);
        }

        public IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation validation) =>
            _trainer.ModelMetadata(epoch, validation, _training.Count, _validation.Count);
    }
}
