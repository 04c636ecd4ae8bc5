using SpineKit.Cli.Commands;
using SpineKit.Detection.LevelNaming;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>The options every <c>train</c> subcommand shares reach the stage's training options, and nothing else moves.</summary>
public class TrainingCommandOptionsTests
{
    // Defaults unlike the level classifier's own (30 epochs of 32 crops), so the test sees which source a value came from.
    private static readonly TrainingCommandOptions Common = new("the run", 31, "Epochs", 33, "Crops", "Seed.");

    [Fact]
    public void TheSharedValuesOfTheCommandLineOverlayTheStagesOwnSettings()
    {
        var command = Common.CreateCommand("levels", "test");
        var parsed = command.Parse(["--data", "d", "--out", "o", "--epochs", "7", "--minutes", "3.5", "--batch", "5", "--lr", "0.01", "--seed", "9", "--resume"]);

        var options = Common.Apply(parsed, new LevelClassifierTrainingOptions { DatasetDirectory = "d", OutputDirectory = "o", AspectJitter = 0.2, KeepLastEpoch = true });

        Assert.Equal((7, 3.5, 5, 0.01f, 9, true), (options.Epochs, options.TimeBudgetMinutes, options.BatchSize, options.LearningRate, options.Seed, options.Resume));
        Assert.Equal((0.2, true, "d", "o"), (options.AspectJitter, options.KeepLastEpoch, options.DatasetDirectory, options.OutputDirectory));
        Assert.Equal("spinekit --data d --out o --epochs 7 --minutes 3.5 --batch 5 --lr 0.01 --seed 9 --resume", options.CommandLine);
        // Today in UTC, or yesterday when the test ran across midnight.
        Assert.InRange(DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - options.TrainingDate!.Value.DayNumber, 0, 1);
    }

    [Fact]
    public void WithoutThemTheCommandsDefaultsApplyNotTheRecords()
    {
        var parsed = Common.CreateCommand("levels", "test").Parse(["--data", "d", "--out", "o"]);

        var options = Common.Apply(parsed, new LevelClassifierTrainingOptions { DatasetDirectory = "d", OutputDirectory = "o" });

        Assert.Equal((31, (double?)null, 33, 2e-3f, 1, false), (options.Epochs, options.TimeBudgetMinutes, options.BatchSize, options.LearningRate, options.Seed, options.Resume));
    }
}
