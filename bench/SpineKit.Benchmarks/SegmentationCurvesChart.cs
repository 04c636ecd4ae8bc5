using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Training;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>segmentation-curves OUT.png FOLD NAME=RUN...</c>: one chart of several <c>train segmentation</c> runs' curves for
/// one fold (each RUN a run's <c>--out</c> folder, read from <c>RUN/fold-FOLD/history.csv</c>; NAME a short name for the
/// legend), one colour per run, so networks trained on the same fold can be compared at a glance (the segmentation
/// card's ablation).
/// </summary>
internal static class SegmentationCurvesChart
{
    public const string Usage = "OUT.png FOLD NAME=RUN...  training loss and fold-validation Dice of several segmentation runs on one fold, one colour each";

    public static int Run(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[1], out var fold) || fold < 1 || args[2..].Any(a => a.IndexOf('=', StringComparison.Ordinal) < 1))
        {
            Console.Error.WriteLine($"usage: segmentation-curves {Usage}");
            return 2;
        }

        var runs = args[2..].Select(a => (Name: a[..a.IndexOf('=', StringComparison.Ordinal)], Folder: a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        var histories = new List<TrainingHistory?>();
        foreach (var (_, folder) in runs)
        {
            var path = Path.Combine(folder, $"fold-{fold}", "history.csv");
            var history = TrainingHistory.Read(path);
            if (history is null)
            {
                Console.Error.WriteLine($"segmentation-curves: {path} not found; that run is left out of the chart");
            }

            histories.Add(history);
        }

        var legend = string.Join(", ", runs.Select((run, i) => $"{SegmentationTrainer.ChartPalette[i % SegmentationTrainer.ChartPalette.Length].Name} {run.Name}"));
        SegmentationTrainer.WriteChart(histories, args[0], $"loss: {legend}", $"fold-validation Dice, fold {fold}");
        Console.WriteLine($"{{\"benchmark\": \"segmentation-curves\", \"out\": \"{args[0]}\", \"fold\": {fold}, \"runs\": {histories.Count(h => h is not null)}}}");
        return 0;
    }
}
