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
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for checkpoint, model, history.csv, curves.png and train.log.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (an upper bound with --minutes).", DefaultValueFactory = _ => 60 }.AtLeast(1);
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget; the epoch count and schedule are fitted to it after the first epoch." }.Positive();
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 4 }.AtLeast(1);
        var learningRate = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 2e-3f }.Positive();
        var seed = new Option<int>("--seed") { Description = "Seed of weights, augmentation and hints.", DefaultValueFactory = _ => 1 };
        var size = new Option<string>("--input-size") { Description = "Network input WIDTHxHEIGHT (multiples of 32).", DefaultValueFactory = _ => $"{VertebraNetConfig.Default.InputWidth}x{VertebraNetConfig.Default.InputHeight}" };
        var noHints = new Option<bool>("--no-hints") { Description = "Train a purely automatic model (no hint channels)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out." };
        var levelChannel = new Option<bool>("--level-channel") { Description = "Also predict each vertebra's level (needed to name levels on any field of view)." };
        var surroundings = new Option<DirectoryInfo?>("--field-of-view") { Description = "Full-spine films with body boxes (fullspine-dev layout): transplant spines into their surroundings and cut films cranially and caudally." };
        var keepLast = new Option<bool>("--keep-last") { Description = "Write the last epoch's model instead of the one with the lowest validation error (the locator: its validation split is not its job)." };
        var initial = new Option<FileInfo?>("--init-from") { Description = "Model file to fine-tune from (tensors matching by name and shape are copied)." };

        var command = new Command("landmarks", "Train the vertebra landmark model (centre heatmap + corner offsets) with a fixed, seeded validation split.");
        foreach (var option in new Option[] { data, output, epochs, minutes, batch, learningRate, seed, size, noHints, resume, levelChannel, surroundings, initial, keepLast })
        {
            command.Options.Add(option);
        }

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
            var outputDirectory = Directory.CreateDirectory(parseResult.GetValue(output)!.FullName).FullName;
            var options = new LandmarkTrainingOptions
            {
                DatasetDirectory = parseResult.GetValue(data)!.FullName,
                OutputDirectory = outputDirectory,
                Network = network,
                Epochs = parseResult.GetValue(epochs),
                TimeBudgetMinutes = parseResult.GetValue(minutes),
                BatchSize = parseResult.GetValue(batch),
                LearningRate = parseResult.GetValue(learningRate),
                Seed = parseResult.GetValue(seed),
                SimulateHints = !parseResult.GetValue(noHints),
                Resume = parseResult.GetValue(resume),
                SurroundingsDirectory = parseResult.GetValue(surroundings)?.FullName,
                InitialWeights = parseResult.GetValue(initial)?.FullName,
                KeepLastEpoch = parseResult.GetValue(keepLast),
                CommandLine = "spinekit " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)),
                TrainingDate = DateOnly.FromDateTime(DateTime.UtcNow),
            };

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
