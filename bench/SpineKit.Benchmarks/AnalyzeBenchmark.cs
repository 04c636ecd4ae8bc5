using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy.Cobb;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>analyze MODEL DIR [N] [--locator FILE] [--levels FILE] [--refiner FILE]</c>: the main job end to end, as <c>spinekit analyze</c>
/// does it per image (read the file, decode, locate, detect, refine, measure, serialise the JSON), on the first N
/// images of DIR (all by default), one image at a time. Prints one JSON line with the median and 90th-percentile
/// seconds end to end, the median of each stage, the median processor time per image (all threads: on cores shared
/// with other work it moves less than the wall clock, and a change that only moves work between cores leaves it
/// alone), the gen2 collections, the garbage collector's pause time and bytes allocated per image and the peak
/// working set. The models run through the fused inference path as <c>analyze</c>
/// runs them; with <c>--eager</c> every image is also analysed with the layers' Forward (alternating, so both see the
/// same load), and a second line gives those figures and the eager/fused ratio of the medians.
/// </summary>
internal static class AnalyzeBenchmark
{
    public const string Usage = "MODEL DIR [N] [--locator FILE] [--levels FILE] [--refiner FILE] [--eager]  end-to-end and per-stage seconds per radiograph (decode to JSON; the refiner's stage includes measuring its corners), processor seconds, gen2 collections, GC pause time and allocations per image, peak memory; --eager also times the layers' Forward";

    public static int Run(string[] args)
    {
        var positional = new List<string>();
        string? locator = null, refiner = null, levels = null;
        var eager = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--locator" when i + 1 < args.Length:
                    locator = args[++i];
                    break;
                case "--levels" when i + 1 < args.Length:
                    levels = args[++i];
                    break;
                case "--refiner" when i + 1 < args.Length:
                    refiner = args[++i];
                    break;
                case "--eager":
                    eager = true;
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count is < 2 or > 3 || !File.Exists(positional[0]) || !Directory.Exists(positional[1])
            || (locator is not null && !File.Exists(locator)) || (refiner is not null && !File.Exists(refiner)) || (levels is not null && !File.Exists(levels)))
        {
            Console.Error.WriteLine($"usage: analyze {Usage}");
            return 2;
        }

        var files = Directory.EnumerateFiles(positional[1]).Where(f => ImageReader.DetectFormat(File.ReadAllBytes(f)) is not null).Order(StringComparer.Ordinal).ToList();
        if (positional.Count == 3)
        {
            files = files.Take(int.Parse(positional[2], CultureInfo.InvariantCulture)).ToList();
        }

        // The first stages and the refiner are timed apart; together they are what LandmarkDetector.Detect runs.
        var model = LandmarkModel.Load(positional[0]);
        var locatorModel = locator is null ? null : LandmarkModel.Load(locator);
        var refinerModel = refiner is null ? null : CornerRefinerModel.Load(refiner);
        var levelsModel = levels is null ? null : LevelClassifierModel.Load(levels);
        var fused = new Pipeline(model, locatorModel, refinerModel, levelsModel);

        // The same weights without the fused path: models wrapped from their networks run the layers' Forward.
        static LandmarkModel Eager(LandmarkModel m) => LandmarkModel.FromNetwork(m.Network, m.FirstLevel, m.LevelCount, m.Metadata);
        var pipelines = eager
            ? [fused, new Pipeline(Eager(model), locatorModel is null ? null : Eager(locatorModel), refinerModel is null ? null : CornerRefinerModel.FromNetwork(refinerModel.Network), levelsModel)]
            : new[] { fused };

        // One warm-up image so JIT compilation and buffer planning are not counted as analysis time.
        foreach (var pipeline in pipelines)
        {
            Analyze(pipeline, files[0]);
        }

        foreach (var file in files)
        {
            foreach (var pipeline in pipelines)
            {
                var gen2 = GC.CollectionCount(2);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var paused = GC.GetTotalPauseDuration();
                var processor = ProcessorTime();
                pipeline.Stages.Add(Analyze(pipeline, file));
                pipeline.ProcessorSeconds.Add((ProcessorTime() - processor).TotalSeconds);
                pipeline.Gen2 += GC.CollectionCount(2) - gen2;
                pipeline.Allocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
                pipeline.GcPause += GC.GetTotalPauseDuration() - paused;
            }
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var fusedMedian = Print(fused, "fused", locator, refiner, peak, null);
        if (eager)
        {
            Print(pipelines[1], "eager", locator, refiner, peak, fusedMedian);
        }

        return 0;
    }

    private static double Print(Pipeline pipeline, string inference, string? locator, string? refiner, double peak, double? fusedMedian)
    {
        var stages = pipeline.Stages;
        double Median(int stage)
        {
            var values = stages.Select(s => s[stage]).Order().ToList();
            return values[values.Count / 2];
        }

        var totals = stages.Select(s => s.Sum()).Order().ToList();
        var median = totals[totals.Count / 2];
        var ratio = fusedMedian is { } f ? string.Create(CultureInfo.InvariantCulture, $", \"eager_over_fused\": {median / f:0.00}") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"analyze\", \"inference\": \"{inference}\", \"images\": {totals.Count}, \"threads\": {Environment.ProcessorCount}, \"locator\": {(locator is null ? "false" : "true")}, \"levels\": {(pipeline.FirstStages.LevelClassifier is null ? "false" : "true")}, \"refiner\": {(refiner is null ? "false" : "true")}, \"median_s\": {median:0.0000}, \"p90_s\": {totals[(int)(totals.Count * 0.9)]:0.0000}, \"max_s\": {totals[^1]:0.0000}, \"decode_median_s\": {Median(0):0.0000}, \"detect_median_s\": {Median(1):0.0000}, \"refine_median_s\": {Median(2):0.0000}, \"measure_json_median_s\": {Median(3):0.0000}, \"cpu_median_s\": {pipeline.ProcessorSeconds.Order().ElementAt(totals.Count / 2):0.0000}, \"gen2_per_image\": {pipeline.Gen2 / (double)totals.Count:0.00}, \"gc_pause_s_per_image\": {pipeline.GcPause.TotalSeconds / totals.Count:0.0000}, \"allocated_mb_per_image\": {pipeline.Allocated / 1048576.0 / totals.Count:0.0}, \"peak_working_set_mb\": {peak:0}{ratio}}}"));
        return median;
    }

    /// <summary>Seconds of each stage for one file: decode, first stages, refiner, measurement and JSON.</summary>
    private static double[] Analyze(Pipeline pipeline, string path)
    {
        var (firstStages, lastStage) = (pipeline.FirstStages, pipeline.LastStage);
        var clock = Stopwatch.StartNew();
        var image = ImageReader.Read(File.ReadAllBytes(path));
        var grey = image.ToGrayscale();
        var decode = clock.Elapsed.TotalSeconds;
        var prediction = firstStages.Detect(grey, RadiographSpacing.Of(image), imageName: Path.GetFileName(path));
        var detect = clock.Elapsed.TotalSeconds;
        if (lastStage is not null)
        {
            // The first stages measured their own corners; the refined ones are measured again, as Detect does once.
            var refined = lastStage.RefineCorners(grey, prediction.Landmarks);
            prediction = prediction with { Landmarks = refined, Cobb = CobbAnalysis.Analyze(refined) };
        }

        var refine = clock.Elapsed.TotalSeconds;
        _ = AnalysisJson.Write(prediction, Path.GetFileName(path));
        var total = clock.Elapsed.TotalSeconds;
        return [decode, detect - decode, refine - detect, total - refine];
    }

    /// <summary>The detectors of one way of running the models, and what was measured with them.</summary>
    private sealed class Pipeline(LandmarkModel model, LandmarkModel? locator, CornerRefinerModel? refiner, LevelClassifierModel? levels)
    {
        public LandmarkDetector FirstStages { get; } = new(model, locator, null, levels);

        public LandmarkDetector? LastStage { get; } = refiner is null ? null : new LandmarkDetector(model, null, refiner);

        public List<double[]> Stages { get; } = [];

        public int Gen2 { get; set; }

        public long Allocated { get; set; }

        public TimeSpan GcPause { get; set; }

        public List<double> ProcessorSeconds { get; } = [];
    }

    /// <summary>The process's processor time so far (a fresh, disposed snapshot each time).</summary>
    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
