using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy.Cobb;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>analyze MODEL DIR [N] [--locator FILE] [--refiner FILE]</c>: the main job end to end, as <c>spinekit analyze</c>
/// does it per image (read the file, decode, locate, detect, refine, measure, serialise the JSON), on the first N
/// images of DIR (all by default), one image at a time. Prints one JSON line with the median and 90th-percentile
/// seconds end to end, the median of each stage and the peak working set.
/// </summary>
internal static class AnalyzeBenchmark
{
    public const string Usage = "MODEL DIR [N] [--locator FILE] [--refiner FILE]  end-to-end and per-stage seconds per radiograph (decode to JSON; the refiner's stage includes measuring its corners) and peak memory";

    public static int Run(string[] args)
    {
        var positional = new List<string>();
        string? locator = null, refiner = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--locator" when i + 1 < args.Length:
                    locator = args[++i];
                    break;
                case "--refiner" when i + 1 < args.Length:
                    refiner = args[++i];
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count is < 2 or > 3 || !File.Exists(positional[0]) || !Directory.Exists(positional[1])
            || (locator is not null && !File.Exists(locator)) || (refiner is not null && !File.Exists(refiner)))
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
        var firstStages = new LandmarkDetector(model, locator is null ? null : LandmarkModel.Load(locator));
        var lastStage = refiner is null ? null : new LandmarkDetector(model, null, CornerRefinerModel.Load(refiner));

        // One warm-up image so JIT compilation is not counted as analysis time.
        Analyze(firstStages, lastStage, files[0]);
        var stages = new List<double[]>();
        foreach (var file in files)
        {
            stages.Add(Analyze(firstStages, lastStage, file));
        }

        double Median(int stage)
        {
            var values = stages.Select(s => s[stage]).Order().ToList();
            return values[values.Count / 2];
        }

        var totals = stages.Select(s => s.Sum()).Order().ToList();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"analyze\", \"images\": {totals.Count}, \"threads\": {Environment.ProcessorCount}, \"locator\": {(locator is null ? "false" : "true")}, \"refiner\": {(refiner is null ? "false" : "true")}, \"median_s\": {totals[totals.Count / 2]:0.0000}, \"p90_s\": {totals[(int)(totals.Count * 0.9)]:0.0000}, \"max_s\": {totals[^1]:0.0000}, \"decode_median_s\": {Median(0):0.0000}, \"detect_median_s\": {Median(1):0.0000}, \"refine_median_s\": {Median(2):0.0000}, \"measure_json_median_s\": {Median(3):0.0000}, \"peak_working_set_mb\": {peak:0}}}"));
        return 0;
    }

    /// <summary>Seconds of each stage for one file: decode, first stages, refiner, measurement and JSON.</summary>
    private static double[] Analyze(LandmarkDetector firstStages, LandmarkDetector? lastStage, string path)
    {
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
}
