using System.Diagnostics;
using System.Globalization;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>segment IMAGE [MODELS] [RUNS]</c>: seconds per radiograph for the segmentation ensemble (resize, every model's
/// forward, vote, resize back, decide; decoding excluded), also with post-processing and with mirror voting, on one image. Without MODELS (or with <c>untrained:N</c>)
/// it times N (default 5) untrained networks of the default configuration, which cost exactly what trained ones do.
/// Prints one JSON line with the median and the fastest run, and for the plain ensemble the gen2 collections and
/// bytes allocated per image, with the models run through the fused inference path (as <c>segment</c> runs them) and,
/// alternating with it, through the layers' Forward (eager), and the eager/fused ratio of the medians.
/// </summary>
internal static class SegmentBenchmark
{
    public const string Usage = "IMAGE [MODELS|untrained:N] [RUNS]  segmentation ensemble seconds per radiograph (default 5 untrained models)";

    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 3 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine($"usage: segment {Usage}");
            return 2;
        }

        var source = args.Length >= 2 ? args[1] : "untrained:5";
        var runs = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        SegmentationEnsemble ensemble;
        if (source.StartsWith("untrained:", StringComparison.Ordinal))
        {
            var count = int.Parse(source["untrained:".Length..], CultureInfo.InvariantCulture);
            ensemble = new SegmentationEnsemble(Enumerable.Range(1, count)
                .Select(seed => SegmentationModel.FromNetwork(new SegmentationNet(SegmentationNetConfig.Default, new Random(seed)), $"untrained-{seed}"))
                .ToList());
        }
        else
        {
            ensemble = SegmentationEnsemble.Load(source);
        }

        // The same weights without the fused path: models wrapped from their networks run the layers' Forward.
        var eager = new SegmentationEnsemble([.. ensemble.Models.Select(m => SegmentationModel.FromNetwork(m.Network, m.Name, m.Metadata))]);
        var grey = ImageReader.Read(args[0]).ToGrayscale();
        var postProcessed = new List<double>();
        var mirrored = new List<double>();
        ensemble.Segment(grey);
        eager.Segment(grey);
        var seconds = new List<double>();
        var eagerSeconds = new List<double>();
        int gen2 = 0, eagerGen2 = 0;
        long allocated = 0, eagerAllocated = 0;
        for (var run = 0; run < runs; run++)
        {
            var (collections, bytes) = (GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));
            var started = Stopwatch.GetTimestamp();
            ensemble.Segment(grey);
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            (gen2, allocated) = (gen2 + GC.CollectionCount(2) - collections, allocated + GC.GetTotalAllocatedBytes(precise: true) - bytes);
            (collections, bytes) = (GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));
            started = Stopwatch.GetTimestamp();
            eager.Segment(grey);
            eagerSeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            (eagerGen2, eagerAllocated) = (eagerGen2 + GC.CollectionCount(2) - collections, eagerAllocated + GC.GetTotalAllocatedBytes(precise: true) - bytes);
            started = Stopwatch.GetTimestamp();
            ensemble.Segment(grey, SegmentationPostProcessing.Default);
            postProcessed.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            started = Stopwatch.GetTimestamp();
            ensemble.Segment(grey, mirrorVoting: true);
            mirrored.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        seconds.Sort();
        eagerSeconds.Sort();
        // The models of a loaded ensemble share one arena: count each arena once.
        var plannedMb = ensemble.Models.Where(m => m.Fused is not null).Select(m => m.Fused!.Arena).Distinct().Sum(a => a.Floats) * sizeof(float) / 1048576.0;
        postProcessed.Sort();
        mirrored.Sort();
        var config = ensemble.Models[0].Config;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"segment\", \"models\": {ensemble.Models.Count}, \"architecture\": \"{SegmentationArchitectures.Name(config.Architecture)}\", \"input\": \"{config.InputWidth}x{config.InputHeight}\", \"image\": \"{grey.Width}x{grey.Height}\", \"threads\": {Environment.ProcessorCount}, \"fused\": {(ensemble.Models.All(m => m.Fused is not null) ? "true" : "false")}, \"runs\": {runs}, \"median_s\": {seconds[seconds.Count / 2]:0.000}, \"min_s\": {seconds[0]:0.000}, \"median_postprocessed_s\": {postProcessed[postProcessed.Count / 2]:0.000}, \"median_mirror_voting_s\": {mirrored[mirrored.Count / 2]:0.000}, \"gen2_per_image\": {gen2 / (double)runs:0.00}, \"allocated_mb_per_image\": {allocated / 1048576.0 / runs:0.0}, \"eager_median_s\": {eagerSeconds[eagerSeconds.Count / 2]:0.000}, \"eager_gen2_per_image\": {eagerGen2 / (double)runs:0.00}, \"eager_allocated_mb_per_image\": {eagerAllocated / 1048576.0 / runs:0.0}, \"eager_over_fused\": {eagerSeconds[eagerSeconds.Count / 2] / seconds[seconds.Count / 2]:0.00}, \"fused_planned_mb\": {plannedMb:0.0}, \"peak_working_set_mb\": {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0}}}"));
        return 0;
    }
}
