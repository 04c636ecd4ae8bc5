using SpineKit.Detection.Training;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Losses;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Training;

public sealed class TrainingLoopTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-loop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TrainingLoopOptions Options(string name, int epochs = 6) => new()
    {
        Directory = Path.Combine(_root, name),
        ModelPath = Path.Combine(_root, name, "model.safetensors"),
        Epochs = epochs,
        BatchSize = 3,
        LearningRate = 0.05f,
        WarmupSteps = total => total / 4,
        Seed = 11,
        AverageDecay = 0.9f,
        LogEverySteps = 1000,
    };

    [Fact]
    public void AKilledAndResumedRunEndsBitForBitLikeAnUninterruptedOne()
    {
        var straightTask = new RegressionTask();
        var straight = new TrainingLoop(straightTask, Options("straight")).Run();

        // The same run, killed after epoch 3 (the cancellation lands at the first step of epoch 4)...
        using var kill = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => new TrainingLoop(new RegressionTask(), Options("resumed")).Run(
            history => { if (history.Rows.Count == 3) { kill.Cancel(); } }, cancellation: kill.Token));
        Assert.Equal(3, TrainingHistory.Read(Path.Combine(_root, "resumed", TrainingLoop.HistoryFile))!.Rows.Count);

        // ...and resumed by a new process (a fresh task, so fresh weights and optimiser).
        var resumedTask = new RegressionTask();
        var lines = new List<string>();
        var resumed = new TrainingLoop(resumedTask, Options("resumed") with { Resume = true }, lines.Add).Run();

        Assert.Contains(lines, l => l.Contains("resumed after epoch 3", StringComparison.Ordinal));
        Assert.Equal(Weights(straightTask.Network), Weights(resumedTask.Network));
        Assert.Equal(straight.BestEpoch, resumed.BestEpoch);
        Assert.Equal(straight.BestScore, resumed.BestScore);
        Assert.Equal(6, resumed.History.Rows.Count);
        Assert.Equal(WithoutSeconds(straight.History), WithoutSeconds(resumed.History));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "straight", "model.safetensors")), File.ReadAllBytes(Path.Combine(_root, "resumed", "model.safetensors")));
        Assert.Equal(WithoutSeconds(straight.History), WithoutSeconds(TrainingHistory.Read(Path.Combine(_root, "resumed", TrainingLoop.HistoryFile))!));
    }

    [Fact]
    public void ResumingAFinishedRunTrainsNothing()
    {
        new TrainingLoop(new RegressionTask(), Options("run", epochs: 2)).Run();
        var task = new RegressionTask();
        var outcome = new TrainingLoop(task, Options("run", epochs: 2) with { Resume = true }).Run();

        Assert.False(outcome.Trained);
        Assert.Equal(0, task.Steps);
        Assert.Equal(2, outcome.History.Rows.Count);
    }

    [Fact]
    public void AResumedRunNeverReplacesABetterModelWithAWorseOne()
    {
        // Validation scores by epoch (lower is better): the best is epoch 2, every later one is worse.
        double[] scores = [3, 1, 2, 4, 5, 6];
        using var kill = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => new TrainingLoop(new RegressionTask(scores), Options("run")).Run(
            history => { if (history.Rows.Count == 2) { kill.Cancel(); } }, cancellation: kill.Token));

        var outcome = new TrainingLoop(new RegressionTask(scores, firstEpoch: 3), Options("run") with { Resume = true }).Run();

        Assert.Equal(2, outcome.BestEpoch);
        Assert.Equal(1, outcome.BestScore);
        Assert.Equal("2", SafeTensorsReader.Read(Path.Combine(_root, "run", "model.safetensors")).Metadata["epoch"]);
    }

    [Fact]
    public void KeepLastWritesTheLastEpochEvenWhenItIsWorse()
    {
        double[] scores = [3, 1, 2, 4, 5, 6];

        var outcome = new TrainingLoop(new RegressionTask(scores), Options("run") with { KeepLast = true }).Run();

        Assert.Equal(6, outcome.BestEpoch);
        Assert.Equal("6", SafeTensorsReader.Read(Path.Combine(_root, "run", "model.safetensors")).Metadata["epoch"]);
    }

    [Fact]
    public void ATruncatedCheckpointIsAClearErrorNamingTheFile()
    {
        new TrainingLoop(new RegressionTask(), Options("run", epochs: 1)).Run();
        var checkpoint = Path.Combine(_root, "run", TrainingLoop.CheckpointFile);
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelFormatException>(() => new TrainingLoop(new RegressionTask(), Options("run", epochs: 2) with { Resume = true }).Run());

        Assert.Contains(checkpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointWithNaNWeightsIsRefusedNotTrainedFurther()
    {
        new TrainingLoop(new RegressionTask(), Options("run", epochs: 1)).Run();
        var checkpoint = Path.Combine(_root, "run", TrainingLoop.CheckpointFile);
        var file = SafeTensorsReader.Read(checkpoint);
        var (name, tensor) = file.Tensors.First(p => p.Key.StartsWith("model.", StringComparison.Ordinal));
        tensor.Data[0] = float.NaN;
        SafeTensorsWriter.Write(checkpoint, file.Tensors.Select(p => (p.Key, p.Value)).ToList(), new Dictionary<string, string>(file.Metadata));

        var error = Assert.Throws<ModelFormatException>(() => new TrainingLoop(new RegressionTask(), Options("run", epochs: 2) with { Resume = true }).Run());

        Assert.Contains($"'{name}' holds NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointOfAnotherNetworkOrFormatIsRefused()
    {
        new TrainingLoop(new RegressionTask(), Options("run", epochs: 1)).Run();
        var other = Assert.Throws<ModelFormatException>(() => new TrainingLoop(new RegressionTask(design: "another"), Options("run", epochs: 2) with { Resume = true }).Run());
        Assert.Contains("another network", other.Message, StringComparison.Ordinal);

        var checkpoint = Path.Combine(_root, "run", TrainingLoop.CheckpointFile);
        SafeTensorsWriter.Write(checkpoint, [("w", new Tensor([1f], 1))], new Dictionary<string, string> { ["epoch"] = "3" });
        var old = Assert.Throws<ModelFormatException>(() => new TrainingLoop(new RegressionTask(), Options("run", epochs: 2) with { Resume = true }).Run());
        Assert.Contains("no 'format'", old.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFilesAreReplacedWholeNeverWrittenInPlace()
    {
        new TrainingLoop(new RegressionTask(), Options("run", epochs: 3)).Run();
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "run"), "*.tmp"));
        Assert.True(SafeTensorsReader.Read(Path.Combine(_root, "run", "model.safetensors")).Tensors.ContainsKey("weight"));
    }

    [Fact]
    public void ATimeBudgetCountsTheEarlierSessions()
    {
        // A budget already spent: the resumed run plans no more epochs than it has done.
        new TrainingLoop(new RegressionTask(), Options("run") with { BudgetMinutes = 1e-9 }).Run();
        var first = TrainingHistory.Read(Path.Combine(_root, "run", TrainingLoop.HistoryFile))!.Rows.Count;
        var outcome = new TrainingLoop(new RegressionTask(), Options("run") with { BudgetMinutes = 1e-9, Resume = true }).Run();

        Assert.Equal(1, first);
        Assert.False(outcome.Trained);
    }

    private static float[][] Weights(Module module) => [.. module.StateDict().Select(p => (float[])p.Tensor.Data.Clone())];

    private static string WithoutSeconds(TrainingHistory history) =>
        string.Join('\n', history.ToCsv().Split('\n').Select(line => line.Contains(',', StringComparison.Ordinal) ? line[..line.LastIndexOf(',')] : line));

    /// <summary>Learns y = 2a - b + 0.5 from 12 noisy points; validation is the mean squared error on 4 others (or a scripted score).</summary>
    private sealed class RegressionTask(double[]? scripted = null, int firstEpoch = 1, string design = "linear 2->1") : ITrainingTask
    {
        private readonly Linear _network = new(2, 1, new Random(5));
        private int _validations;

        public Module Network => _network;

        public int Steps { get; private set; }

        public int ExampleCount => 12;

        public IReadOnlyList<string> LossTerms { get; } = ["mse"];

        public IReadOnlyList<string> ValidationColumns { get; } = ["val_mse"];

        public bool HigherScoreIsBetter => false;

        public string Design => design;

        public (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds)
        {
            Steps++;
            var input = new float[batch.Count * 2];
            var target = new float[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var noise = new Random(seeds[i]).NextSingle() * 0.01f;
                (input[2 * i], input[(2 * i) + 1], target[i]) = Point(batch[i], noise);
            }

            var loss = new MseLoss().Forward(_network.Forward(new Tensor(input, batch.Count, 2)), new Tensor(target, batch.Count, 1));
            return (loss, [loss.Item()]);
        }

        public Module CreateAverageModule() => new Linear(2, 1, new Random(0));

        public EpochValidation Validate(Module model)
        {
            var epoch = firstEpoch + _validations++;
            var input = new float[8];
            var target = new float[4];
            for (var i = 0; i < 4; i++)
            {
                (input[2 * i], input[(2 * i) + 1], target[i]) = Point(100 + i, 0);
            }

            var mse = scripted?[epoch - 1] ?? new MseLoss().Forward(((Linear)model).Forward(new Tensor(input, 4, 2)), new Tensor(target, 4, 1)).Item();
            return new EpochValidation(mse, [mse], $"MSE {mse}");
        }

        public IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation validation) =>
            new Dictionary<string, string> { ["epoch"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        private static (float A, float B, float Y) Point(int index, float noise)
        {
            float a = (index % 4) - 1.5f, b = (index / 4 % 3) - 1f;
            return (a, b, (2 * a) - b + 0.5f + noise);
        }
    }
}
