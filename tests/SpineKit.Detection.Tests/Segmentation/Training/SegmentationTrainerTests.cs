using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Training;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Segmentation.Training;

public sealed class SegmentationTrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-segtrain-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SegmentationTrainingOptions Options(string data, string output) => new()
    {
        DatasetDirectory = data,
        OutputDirectory = output,
        Network = new SegmentationNetConfig(SegmentationArchitecture.AttentionSeResidual, 32, 64, [4, 8, 16]),
        Folds = 2,
        Epochs = 2,
        BatchSize = 2,
        Seed = 3,
    };

    [Fact]
    public void TrainsOneModelPerFoldWithHistoryAndSkipsFinishedFoldsOnResume()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 10);
        var output = Path.Combine(_root, "run");
        var lines = new List<string>();

        var results = new SegmentationTrainer(Options(data, output), lines.Add).Run();

        Assert.Equal([1, 2], results.Select(r => r.Fold));
        Assert.All(results, r => Assert.InRange(r.BestDice, 0, 1));
        var ensemble = SegmentationEnsemble.Load(output);
        Assert.Equal(2, ensemble.Models.Count);
        Assert.Equal("2", ensemble.Models[1].Metadata["fold"]);
        Assert.Equal(DatasetSplit.DefaultSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), ensemble.Models[0].Metadata["split_seed"]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(SegmentationTrainer.FoldDirectory(output, 1), SegmentationTrainer.HistoryFile)).Length);
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.Equal(4, summary.Length);
        var mean = double.Parse(summary[3].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(results.Average(r => r.BestDice), mean, 4);
        Assert.Contains(lines, l => l.Contains("2 of 2 fold models", StringComparison.Ordinal));
        var chart = SpineKit.Imaging.ImageReader.Read(Path.Combine(output, "curves.png")).RenderDisplay();
        bool HasColour(byte r, byte g, byte b) => Enumerable.Range(0, chart.Width * chart.Height)
            .Any(i => chart.Pixels[3 * i] == r && chart.Pixels[(3 * i) + 1] == g && chart.Pixels[(3 * i) + 2] == b);
        Assert.True(HasColour(0, 0, 255) && HasColour(255, 0, 0), "both folds' curves are drawn (fold 1 blue, fold 2 red)");

        // The held-out 20 % (2 of 10) never enters a fold: 8 images are dealt into the folds.
        var assigned = File.ReadAllLines(Path.Combine(output, "folds.csv")).Skip(1).ToList();
        Assert.Equal(8, assigned.Count);
        var held = DatasetSplit.ValidationNames(Enumerable.Range(0, 10).Select(i => $"synthetic-{i:00}.png"));
        Assert.DoesNotContain(assigned, line => held.Contains(line.Split(',')[0]));

        lines.Clear();
        var resumed = new SegmentationTrainer(Options(data, output) with { Resume = true }, lines.Add).Run();

        Assert.Equal(results.Select(r => r.BestDice), resumed.Select(r => r.BestDice));
        Assert.Contains(lines, l => l.Contains("fold 1: finished earlier", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("epoch 1/", StringComparison.Ordinal));
    }

    [Fact]
    public void ResumingAnInterruptedFoldContinuesAfterItsLastEpoch()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 10);
        var output = Path.Combine(_root, "run");
        new SegmentationTrainer(Options(data, output) with { Epochs = 1, OnlyFolds = [2] }).Run();
        var lines = new List<string>();

        // Same fold with a larger epoch bound: the checkpoint says epoch 1 of 1 finished, so it is skipped...
        new SegmentationTrainer(Options(data, output) with { Epochs = 2, OnlyFolds = [2], Resume = true }, lines.Add).Run();
        Assert.Contains(lines, l => l.Contains("fold 2: finished earlier", StringComparison.Ordinal));

        // ...while a checkpoint marked unfinished is continued from the next epoch.
        var checkpoint = Path.Combine(SegmentationTrainer.FoldDirectory(output, 2), SegmentationTrainer.CheckpointFile);
        var file = SafeTensorsReader.Read(checkpoint);
        var metadata = new Dictionary<string, string>(file.Metadata) { ["finished"] = "false" };
        SafeTensorsWriter.Write(checkpoint, file.Tensors.Select(p => (p.Key, p.Value)).ToList(), metadata);
        lines.Clear();
        new SegmentationTrainer(Options(data, output) with { Epochs = 2, OnlyFolds = [2], Resume = true }, lines.Add).Run();

        Assert.Contains(lines, l => l.Contains("fold 2: resumed after epoch 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fold 2: epoch 2/2", StringComparison.Ordinal));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(SegmentationTrainer.FoldDirectory(output, 2), SegmentationTrainer.HistoryFile)).Length);
    }

    [Fact]
    public void LearnsTheSyntheticBodiesWellAboveChance()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 12);
        var options = Options(data, Path.Combine(_root, "run")) with
        {
            Network = new SegmentationNetConfig(SegmentationArchitecture.Plain, 48, 96, [8, 16, 32]),
            Epochs = 12,
            LearningRate = 5e-3f,
            OnlyFolds = [1],
            Augmentation = AugmentationSettings.None,
        };

        var result = Assert.Single(new SegmentationTrainer(options).Run());

        // Bodies cover about 16 % of the image: calling every pixel body would score 0.27.
        Assert.True(result.BestDice > 0.8, $"fold-validation Dice {result.BestDice}");
    }

    [Fact]
    public void BatchTargetsAreTheMasksOfTheMovedCorners()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 2);
        var examples = TrainingSetLoader.Load(data, 32, 64);
        var config = new SegmentationNetConfig(SegmentationArchitecture.Plain, 32, 64, [4, 8]);

        var (input, classes) = SegmentationTrainer.BuildBatch(examples, [1, 2], config, AugmentationSettings.None);

        Assert.Equal([2, 1, 64, 32], input.Shape);
        var expected = examples.SelectMany(e => SegmentationMasks.Render(e.Corners, 32, 64).Pixels.Select(p => (int)p)).ToArray();
        Assert.Equal(expected, classes);
        Assert.Contains(1, classes);
        Assert.Contains(2, classes);
    }

    [Fact]
    public void RejectsFoldNumbersOutsideTheRange()
    {
        var options = Options(_root, _root) with { OnlyFolds = [3] };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentationTrainer(options));
    }
}
