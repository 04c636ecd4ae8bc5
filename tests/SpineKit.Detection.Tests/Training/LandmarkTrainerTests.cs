using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Training;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Training;

public sealed class LandmarkTrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TrainsSavesAResumableCheckpointAndALoadableModel()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 8);
        var output = Path.Combine(_root, "run");
        var options = new LandmarkTrainingOptions
        {
            DatasetDirectory = data,
            OutputDirectory = output,
            Network = new VertebraNetConfig(SyntheticSpines.Width, SyntheticSpines.Height, [8, 8, 16, 16, 16], 16, 4),
            Epochs = 6,
            BatchSize = 2,
            LearningRate = 3e-3f,
            ValidationFraction = 0.25,
            Augmentation = AugmentationSettings.None,
            CommandLine = "test",
            TrainingDate = new DateOnly(2026, 12, 6),
        };
        var log = new List<string>();
        var reports = new List<TrainingProgress>();

        var best = new LandmarkTrainer(options, log.Add).Run(new SyncProgress(reports.Add));

        Assert.Equal(2, best.Images);
        Assert.True(double.IsFinite(best.MeanRadialError));
        Assert.Equal(6 * 3, reports.Count);
        Assert.True(reports[^1].Loss < reports[0].Loss, $"loss should fall: {reports[0].Loss} -> {reports[^1].Loss}");
        Assert.True(File.Exists(Path.Combine(output, LandmarkTrainer.CheckpointFile)));
        Assert.Equal(7, File.ReadAllLines(Path.Combine(output, "history.csv")).Length);
        var chart = ImageReader.Read(Path.Combine(output, "curves.png"));
        Assert.Equal(3, chart.Pixels.Channels);

        var model = LandmarkModel.Load(Path.Combine(output, LandmarkTrainer.ModelFile));
        Assert.Equal(4, model.LevelCount);
        Assert.Equal("test", model.Metadata["training_command"]);
        Assert.Equal("2026-12-06", model.Metadata["training_date"]);
        Assert.Equal(new DateOnly(2026, 12, 6), model.Source!.TrainingDate);
        Assert.Contains("MRE", model.Metadata["validation"]);

        // Resuming a finished run trains nothing and reports the best epoch's figures from the saved history.
        var resumed = new LandmarkTrainer(options with { Epochs = 7, Resume = true }, log.Add).Run();
        Assert.Contains(log, line => line.Contains("finished earlier", StringComparison.Ordinal));
        Assert.Equal(best, resumed);
        Assert.Equal(7, File.ReadAllLines(Path.Combine(output, "history.csv")).Length);
    }

    [Fact]
    public void SameSeedGivesTheSameWeights()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 4);
        LandmarkTrainingOptions Options(string name) => new()
        {
            DatasetDirectory = data,
            OutputDirectory = Path.Combine(_root, name),
            Network = new VertebraNetConfig(SyntheticSpines.Width, SyntheticSpines.Height, [4, 4, 8, 8, 8], 8, 4),
            Epochs = 1,
            BatchSize = 2,
            ValidationFraction = 0.25,
        };

        new LandmarkTrainer(Options("a")).Run();
        new LandmarkTrainer(Options("b")).Run();

        var a = File.ReadAllBytes(Path.Combine(_root, "a", LandmarkTrainer.ModelFile));
        var b = File.ReadAllBytes(Path.Combine(_root, "b", LandmarkTrainer.ModelFile));
        Assert.Equal(a, b);
        Assert.Null(LandmarkModel.Load(Path.Combine(_root, "a", LandmarkTrainer.ModelFile)).Source!.TrainingDate); // no date given, none recorded
    }

    private sealed class SyncProgress(Action<TrainingProgress> handler) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => handler(value);
    }
}
