using System.CommandLine;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train refiner</c>: trains the corner refiner on full-resolution crops, jittered as the first stages err.</summary>
internal static class TrainRefinerCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for checkpoint, model, history.csv, curves.png, frame-errors.csv and train.log.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over every training vertebra (an upper bound with --minutes).", DefaultValueFactory = _ => 40 }.AtLeast(1);
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget; the epoch count and schedule are fitted to it after the first epoch." }.Positive();
        var batch = new Option<int>("--batch") { Description = "Crops per step.", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var learningRate = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 2e-3f }.Positive();
        var seed = new Option<int>("--seed") { Description = "Seed of weights, order and augmentation.", DefaultValueFactory = _ => 1 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out." };
        var model = new Option<string?>("--model") { Description = $"First-stage corner model whose errors the refiner learns (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var head = new Option<string>("--head") { Description = "How corners are read out: heatmaps (a spatial soft-argmax of one heatmap per corner, the shipped design) or regression (a fully connected layer on the encoder's features).", DefaultValueFactory = _ => "heatmaps" };
        head.Validators.Add(result => OptionChecks.Parses(result, text => CornerRefinerConfig.ParseHead(text)));
        var keepBest = new Option<bool>("--keep-best") { Description = "Write the epoch with the lowest validation error instead of the last one (the refined error is dominated by the first stages' level slips, so by default the end of the schedule is kept)." };

        var command = new Command("refiner", "Train the corner refiner: one full-resolution crop per vertebra, framed on the first stages' corners, four corners predicted again.");
        foreach (var option in new Option[] { data, output, epochs, minutes, batch, learningRate, seed, resume, model, locator, head, keepBest })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var outputDirectory = Directory.CreateDirectory(parseResult.GetValue(output)!.FullName).FullName;
            var options = new RefinerTrainingOptions
            {
                DatasetDirectory = parseResult.GetValue(data)!.FullName,
                OutputDirectory = outputDirectory,
                Detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), "none"),
                Network = CornerRefinerConfig.Default with { Head = CornerRefinerConfig.ParseHead(parseResult.GetValue(head)!) },
                Epochs = parseResult.GetValue(epochs),
                TimeBudgetMinutes = parseResult.GetValue(minutes),
                BatchSize = parseResult.GetValue(batch),
                LearningRate = parseResult.GetValue(learningRate),
                Seed = parseResult.GetValue(seed),
                Resume = parseResult.GetValue(resume),
                KeepLastEpoch = !parseResult.GetValue(keepBest),
                CommandLine = "spinekit " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)),
                TrainingDate = DateOnly.FromDateTime(DateTime.UtcNow),
            };

            using var log = new TrainingLog(outputDirectory, append: options.Resume, parseResult.InvocationConfiguration.Output);

            log.Write($"network: {options.Network.Describe()}");
            log.Write($"first stages: {options.Detector.Model.Source}{(options.Detector.Locator is { } l ? $" behind the locator {l.Model.Source}" : string.Empty)}");
            var trainer = new RefinerTrainer(options, log.Write);
            var best = ProgressDisplay.Run("training", report => trainer.Run(new SynchronousProgress<TrainingProgress>(p => report(p.Fraction, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:0.000}"))));
            log.Write($"best validation: {best}");
            log.Write($"model written to {Path.Combine(outputDirectory, RefinerTrainer.ModelFile)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
