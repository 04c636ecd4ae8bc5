using System.CommandLine;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Training;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train levels</c>: trains the level classifier that names a chain's levels from anatomy.</summary>
internal static class TrainLevelsCommand
{
    public static Command Create()
    {
        var common = new TrainingCommandOptions("checkpoint, model, history.csv, curves.png and train.log", LevelClassifierTrainingOptions.DefaultEpochs, "Passes over every training vertebra", LevelClassifierTrainingOptions.DefaultBatchSize, "Crops", "Seed of weights, order and augmentation.");
        var crop = CropSideOption.Create(LevelClassifierConfig.Default.CropSize);
        var context = new Option<double>("--context") { Description = "Crop side over the larger of the vertebra's width and height (how many neighbours, ribs and ends are in view).", DefaultValueFactory = _ => LevelClassifierConfig.Default.Context }.Positive();
        context.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 1 or > 12)
            {
                result.AddError(FormattableString.Invariant($"--context must be between 1 and 12 vertebra sizes, not {result.GetValueOrDefault<double>()}"));
            }
        });
        var aspectJitter = new Option<double>("--aspect-jitter") { Description = "Standard deviation of the log of a random stretch of each training crop along the vertebra's axis (0: none), so a body's proportions stop naming its level." };
        aspectJitter.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 0.5))
            {
                result.AddError(FormattableString.Invariant($"--aspect-jitter must be between 0 and 0.5, not {result.GetValueOrDefault<double>()}"));
            }
        });
        var keepLast = new Option<bool>("--keep-last") { Description = "Write the last epoch's averaged weights instead of the epoch that named the validation chains best." };

        var command = common.CreateCommand("levels", "Train the level classifier: a wide crop around each vertebra classified as C7, T1..L5 or S1, so a chain's names come from anatomy.", crop, context, aspectJitter, keepLast);

        command.SetAction(parseResult =>
        {
            var outputDirectory = common.CreateOutputDirectory(parseResult);
            var options = common.Apply(parseResult, new LevelClassifierTrainingOptions
            {
                DatasetDirectory = common.GetDatasetDirectory(parseResult),
                OutputDirectory = outputDirectory,
                Network = LevelClassifierConfig.Default with { CropSize = parseResult.GetValue(crop), Context = parseResult.GetValue(context) },
                KeepLastEpoch = parseResult.GetValue(keepLast),
                AspectJitter = parseResult.GetValue(aspectJitter),
            });

            using var log = new TrainingLog(outputDirectory, append: options.Resume, parseResult.InvocationConfiguration.Output);
            log.Write($"network: {options.Network.Describe()}");
            var trainer = new LevelClassifierTrainer(options, log.Write);
            var kept = ProgressDisplay.Run("training", report => trainer.Run(new SynchronousProgress<TrainingProgress>(p => report(p.Fraction, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:0.000}"))));
            log.Write($"kept: {kept}");
            log.Write($"model written to {Path.Combine(outputDirectory, LevelClassifierTrainer.ModelFile)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
