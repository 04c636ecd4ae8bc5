using System.Diagnostics;
using System.Globalization;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>analyze MODEL DIR [N]</c>: the main job end to end, as <c>spinekit analyze</c> does it per image (read the
/// file, decode, detect, measure, serialise the JSON), on the first N images of DIR (all by default), one image
/// at a time. Prints one JSON line with the median and 90th-percentile seconds and the peak working set.
/// </summary>
internal static class AnalyzeBenchmark
{
    public const string Usage = "MODEL DIR [N]  end-to-end seconds per radiograph (decode to JSON) and peak memory";

    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3 || !File.Exists(args[0]) || !Directory.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: analyze {Usage}");
            return 2;
        }

        var files = Directory.EnumerateFiles(args[1]).Where(f => ImageReader.DetectFormat(File.ReadAllBytes(f)) is not null).Order(StringComparer.Ordinal).ToList();
        if (args.Length == 3)
        {
            files = files.Take(int.Parse(args[2], CultureInfo.InvariantCulture)).ToList();
        }

        var detector = new LandmarkDetector(LandmarkModel.Load(args[0]));

        // One warm-up image so JIT compilation is not counted as analysis time.
        Analyze(detector, files[0]);
        var seconds = new List<double>();
        foreach (var file in files)
        {
            var started = Stopwatch.GetTimestamp();
            Analyze(detector, file);
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        seconds.Sort();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"analyze\", \"images\": {seconds.Count}, \"threads\": {Environment.ProcessorCount}, \"median_s\": {seconds[seconds.Count / 2]:0.0000}, \"p90_s\": {seconds[(int)(seconds.Count * 0.9)]:0.0000}, \"max_s\": {seconds[^1]:0.0000}, \"peak_working_set_mb\": {peak:0}}}"));
        return 0;
    }

    private static void Analyze(LandmarkDetector detector, string path)
    {
        var image = ImageReader.Read(File.ReadAllBytes(path));
        var prediction = detector.Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: Path.GetFileName(path));
        _ = AnalysisJson.Write(prediction, Path.GetFileName(path));
    }
}
