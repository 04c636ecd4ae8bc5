using System.Diagnostics;
using System.Globalization;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>segment-guided IMAGE MODELS_DIR [RUNS]</c>: seconds per radiograph for the guided segmentation as <c>segment</c>
/// runs it by default (decoding excluded): the four landmark stages (locator, level classifier, corner model, refiner
/// from <c>MODELS_DIR</c>), the five-model vote (<c>MODELS_DIR/segmentation</c>), the default <see cref="LandmarkGuide"/>
/// and the split into named bodies with the 16-bit label image; one JSON line with the medians of the whole and of
/// each part, and the peak working set.
/// </summary>
internal static class GuidedSegmentBenchmark
{
    public const string Usage = "IMAGE MODELS_DIR [RUNS]  guided segmentation seconds per radiograph (landmark stages + vote + guide + label image) and each part";

    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3 || !File.Exists(args[0]) || !Directory.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: segment-guided {Usage}");
            return 2;
        }

        var models = args[1];
        var runs = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var detector = new LandmarkDetector(
            LandmarkModel.Load(Path.Combine(models, "spinekit-landmarks-ap.safetensors")),
            LandmarkModel.Load(Path.Combine(models, "spinekit-locator-ap.safetensors")),
            CornerRefinerModel.Load(Path.Combine(models, "spinekit-refiner-ap.safetensors")),
            LevelClassifierModel.Load(Path.Combine(models, "spinekit-levels-ap.safetensors")));
        var ensemble = SegmentationEnsemble.Load(Path.Combine(models, "segmentation"));
        var segmenter = new LandmarkGuidedSegmenter(ensemble, detector, LandmarkGuide.Default);
        var grey = ImageReader.Read(args[0]).ToGrayscale();
        segmenter.Segment(grey).LevelLabels();
        var (total, landmarks, vote, rest) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var guided = true;
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = segmenter.Segment(grey);
            result.LevelLabels();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            total.Add(seconds);
            landmarks.Add(result.LandmarkSeconds);
            vote.Add(result.Vote.Seconds);
            rest.Add(seconds - result.LandmarkSeconds - result.Vote.Seconds);
            guided &= result.Guided;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"segment-guided\", \"models\": {ensemble.Models.Count}, \"image\": \"{grey.Width}x{grey.Height}\", \"threads\": {Environment.ProcessorCount}, \"runs\": {runs}, \"guided\": {(guided ? "true" : "false")}, \"median_s\": {Median(total):0.000}, \"min_s\": {total.Min():0.000}, \"median_landmark_stages_s\": {Median(landmarks):0.000}, \"median_vote_s\": {Median(vote):0.000}, \"median_guide_and_labels_s\": {Median(rest):0.000}, \"peak_working_set_mb\": {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0}}}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
