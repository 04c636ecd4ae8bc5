using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Training;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train landmarks</c>: trains the AP landmark model on a challenge-layout dataset.</summary>
internal static class TrainLandmarksCommand
{
    public static Command Create()
    {
        var common = new TrainingCommandOptions("checkpoint, model, history.csv, curves.png and train.log", LandmarkTrainingOptions.DefaultEpochs, "Epochs", LandmarkTrainingOptions.DefaultBatchSize, "Images", "Seed of weights, augmentation and hints.");
        var size = new Option<string>("--input-size") { Description = "Network input WIDTHxHEIGHT (multiples of 32).", DefaultValueFactory = _ => $"{VertebraNetConfig.Default.InputWidth}x{VertebraNetConfig.Default.InputHeight}" };
        var noHints = new Option<bool>("--no-hints") { Description = "Train a purely automatic model (no hint channels)." };
        var levelChannel = new Option<bool>("--level-channel") { Description = "Also predict each vertebra's level (needed to name levels on any field of view)." };
        var surroundings = new Option<DirectoryInfo?>("--field-of-view") { Description = "Full-spine films with body boxes (fullspine-dev layout): transplant spines into their surroundings and cut films cranially and caudally." };
        var keepLast = new Option<bool>("--keep-last") { Description = "Write the last epoch's model instead of the one with the lowest validation error (the locator: its validation split is not its job)." };
        var initial = new Option<FileInfo?>("--init-from") { Description = "Model file to fine-tune from (tensors matching by name and shape are copied)." };

        var command = common.CreateCommand("landmarks", "Train the vertebra landmark model (centre heatmap + corner offsets) with a fixed, seeded validation split.", size, noHints, levelChannel, surroundings, initial, keepLast);

        command.SetAction(parseResult =>
        {
            var (width, height) = InputSize.Parse(parseResult.GetValue(size)!);
            var network = VertebraNetConfig.Default with
            {
                InputWidth = width,
                InputHeight = height,
                HintChannels = parseResult.GetValue(noHints) ? 0 : VertebraNetConfig.Default.HintChannels,
                LevelChannel = parseResult.GetValue(levelChannel),
            };
            var outputDirectory = common.CreateOutputDirectory(parseResult);
            var options = common.Apply(parseResult, new LandmarkTrainingOptions
            {
                DatasetDirectory = common.GetDatasetDirectory(parseResult),
                OutputDirectory = outputDirectory,
                Network = network,
                SimulateHints = !parseResult.GetValue(noHints),
                SurroundingsDirectory = parseResult.GetValue(surroundings)?.FullName,
                InitialWeights = parseResult.GetValue(initial)?.FullName,
                KeepLastEpoch = parseResult.GetValue(keepLast),
            });

            using var log = new TrainingLog(outputDirectory, append: options.Resume, parseResult.InvocationConfiguration.Output);

            log.Write($"network: {network.Describe()}");
            var trainer = new LandmarkTrainer(options, log.Write);
            var best = ProgressDisplay.Run("training", (report) => trainer.Run(new SynchronousProgress<TrainingProgress>(p => report(p.Fraction, Status(p)))));
            log.Write($"best validation: {best}");
            log.Write($"model written to {Path.Combine(outputDirectory, LandmarkTrainer.ModelFile)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Status(TrainingProgress progress)
    {
        var status = string.Create(CultureInfo.InvariantCulture, $"epoch {progress.Epoch}/{progress.Epochs} loss {progress.Loss:0.000}");
        return progress.LastValidation is { } last ? $"{status}, val {last}" : status;
    }
}
