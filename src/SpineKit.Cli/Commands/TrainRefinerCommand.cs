using System.CommandLine;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train refiner</c>: trains the corner refiner on full-resolution crops, jittered as the first stages err.</summary>
internal static class TrainRefinerCommand
{
    public static Command Create()
    {
        var common = new TrainingCommandOptions("checkpoint, model, history.csv, curves.png, frame-errors.csv and train.log", RefinerTrainingOptions.DefaultEpochs, "Passes over every training vertebra", RefinerTrainingOptions.DefaultBatchSize, "Crops", "Seed of weights, order and augmentation.");
        var model = new Option<string?>("--model") { Description = $"First-stage corner model whose errors the refiner learns (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var head = new Option<string>("--head")
        {
            Description = "How corners are read out: heatmaps (a spatial soft-argmax of one heatmap per corner, the shipped design) or regression (a fully connected layer on the encoder's features).",
            DefaultValueFactory = _ => CornerRefinerConfig.HeadName(CornerRefinerHead.Heatmaps),
        };
        head.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!Enum.GetValues<CornerRefinerHead>().Any(h => CornerRefinerConfig.HeadName(h) == name))
            {
                result.AddError($"--head must be heatmaps or regression, not '{name}'");
            }
        });
        var crop = CropSideOption.Create(CornerRefinerConfig.Default.CropSize);
        var clahe = new Option<bool>("--clahe") { Description = "Equalise each crop locally (CLAHE on 4x4 tiles) before standardising it, so a body in a dark or bright region keeps its edges." };
        var keepBest = new Option<bool>("--keep-best") { Description = "Write the epoch with the lowest validation error instead of the last one (the refined error is dominated by the first stages' level slips, so by default the end of the schedule is kept)." };

        var command = common.CreateCommand("refiner", "Train the corner refiner: one full-resolution crop per vertebra, framed on the first stages' corners, four corners predicted again.", model, locator, head, crop, clahe, keepBest);

        command.SetAction(parseResult =>
        {
            var outputDirectory = common.CreateOutputDirectory(parseResult);
            var options = common.Apply(parseResult, new RefinerTrainingOptions
            {
                DatasetDirectory = common.GetDatasetDirectory(parseResult),
                OutputDirectory = outputDirectory,
                Detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), "none"),
                Network = CornerRefinerConfig.Default with
                {
                    Head = CornerRefinerConfig.ParseHead(parseResult.GetValue(head)!),
                    CropSize = parseResult.GetValue(crop),
                    Normalization = parseResult.GetValue(clahe) ? InputNormalization.ClaheStandardize : InputNormalization.Standardize,
                },
                KeepLastEpoch = !parseResult.GetValue(keepBest),
            });

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
