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
/// <c>segment-guided IMAGE MODELS_DIR [RUNS]</c>: seconds per radiograph for the guided segmentation (decoding
/// excluded): the four landmark stages (locator, level classifier, corner model, refiner from <c>MODELS_DIR</c>), the
/// default <see cref="LandmarkGuide"/> and the split into named bodies with the 16-bit label image, once as
/// <c>segment</c> runs it (the guide decides every pixel, so the five-model vote of <c>MODELS_DIR/segmentation</c> is
/// skipped where a spine is found) and once with the vote run as well (<c>segment --overlay</c>, <c>evaluate
/// segmentation</c>); one JSON line with the medians of the whole and of each part, and the peak working set.
/// </summary>
internal static class GuidedSegmentBenchmark
{
    public const string Usage = "IMAGE MODELS_DIR [RUNS]  guided segmentation seconds per radiograph as segment runs it (landmark stages + guide + label image, vote skipped) and with the vote, and each part";

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
        var grey = ImageReader.Read(args[0]).ToGrayscale();
        var skipping = Measure(new LandmarkGuidedSegmenter(ensemble, detector, LandmarkGuide.Default) { VoteWhenDecided = false }, grey, runs);
        var voting = Measure(new LandmarkGuidedSegmenter(ensemble, detector, LandmarkGuide.Default) { VoteWhenDecided = true }, grey, runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"segment-guided\", \"models\": {ensemble.Models.Count}, \"image\": \"{grey.Width}x{grey.Height}\", \"threads\": {Environment.ProcessorCount}, \"runs\": {runs}, \"guided\": {(skipping.Guided && voting.Guided ? "true" : "false")}, \"vote_skipped\": {(skipping.VoteSkipped ? "true" : "false")}, \"median_s\": {Median(skipping.Total):0.000}, \"min_s\": {skipping.Total.Min():0.000}, \"median_landmark_stages_s\": {Median(skipping.Landmarks):0.000}, \"median_guide_and_labels_s\": {Median(skipping.Others):0.000}, \"median_with_vote_s\": {Median(voting.Total):0.000}, \"median_vote_s\": {Median(voting.Vote):0.000}, \"peak_working_set_mb\": {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0}}}"));
        return 0;
    }

    /// <summary>One warm-up, then <paramref name="runs"/> timed segmentations with each part's seconds.</summary>
    private static (List<double> Total, List<double> Landmarks, List<double> Vote, List<double> Others, bool Guided, bool VoteSkipped) Measure(LandmarkGuidedSegmenter segmenter, Image<float> grey, int runs)
    {
        segmenter.Segment(grey).LevelLabels();
        var (total, landmarks, vote, rest) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var guided = true;
        var skipped = true;
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = segmenter.Segment(grey);
            result.LevelLabels();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            total.Add(seconds);
            landmarks.Add(result.LandmarkSeconds);
            vote.Add(result.VoteSeconds);
            rest.Add(seconds - result.LandmarkSeconds - result.VoteSeconds);
            guided &= result.Guided;
            skipped &= result.Vote is null;
        }

        return (total, landmarks, vote, rest, guided, skipped);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
