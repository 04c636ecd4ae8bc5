using System.CommandLine;
using System.Globalization;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train segmentation</c>: K-fold training of the vertebral-body segmentation models.</summary>
internal static class TrainSegmentationCommand
{
    public static Command Create()
    {
        var common = new TrainingCommandOptions(
            "segmentation-fold-K.safetensors, fold-K/ (checkpoint, history.csv), folds.csv and train.log",
            60,
            "Epochs per fold",
            4,
            "Images",
            "Seed of weights and augmentation.",
            minutesMeaning: "Wall-clock budget PER FOLD (a resumed fold counts its earlier sessions); epochs and schedule are fitted to it.",
            resumeMeaning: "Continue unfinished folds from their checkpoints; skip finished ones.");
        var folds = new Option<int>("--folds") { Description = "Number of folds K over the training images (one model each).", DefaultValueFactory = _ => KFoldSplit.DefaultFolds }.AtLeast(2);
        var only = new Option<int[]>("--fold") { Description = "Train only these folds (1..K; repeat the option), e.g. to spread folds over machines.", AllowMultipleArgumentsPerToken = true };
        var architecture = new Option<string>("--architecture") { Description = $"One of {string.Join(", ", SegmentationArchitectures.All)}.", DefaultValueFactory = _ => "attention-se-residual" };
        var size = new Option<string>("--input-size") { Description = "Network input WIDTHxHEIGHT.", DefaultValueFactory = _ => "256x512" };
        var widths = new Option<string>("--widths") { Description = "Channels per U-Net level, finest first.", DefaultValueFactory = _ => string.Join(",", SegmentationNetConfig.Default.Widths) };
        var strip = new Option<int?>("--strip-tiles") { Description = "Train on this many tiles of the spine strip per film (planned from the labelled corners, cut from the full-resolution film, placement and size jittered) instead of the whole film; segment and evaluate then vote on the strip the landmark stages plan. Loads the films at full resolution (several GB)." };
        strip.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 8)
            {
                result.AddError($"--strip-tiles must be 1 to 8, not {n}");
            }
        });
        var gapDice = new Option<float>("--gap-dice") { Description = "Weight of the gap class's soft Dice loss added to the loss (0: none), so bodies drawn into the discs cost what they erase." };
        gapDice.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<float>() is not (>= 0 and <= 10))
            {
                result.AddError(FormattableString.Invariant($"--gap-dice must be between 0 and 10, not {result.GetValueOrDefault<float>()}"));
            }
        });

        architecture.Validators.Add(result => OptionChecks.Parses(result, text => SegmentationArchitectures.Parse(text)));
        size.Validators.Add(result => OptionChecks.Parses(result, text => InputSize.Parse(text)));
        widths.Validators.Add(result => OptionChecks.Parses(result, text => ParseWidths(text)));
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2)
            {
                result.AddError("--folds must be at least 2");
            }
        });

        var command = common.CreateCommand("segmentation", "Train the vertebral-body segmentation U-Nets: one per fold, the held-out validation split never trained on.", folds, only, architecture, size, widths, strip, gapDice);

        command.Validators.Add(result =>
        {
            // A command validator sees no default value (0) for an option left out: --fold alone checks against the default K.
            var count = result.GetResult(folds) is { Implicit: false } given ? given.GetValueOrDefault<int>() : KFoldSplit.DefaultFolds;
            if (result.GetValue(only) is { } selected && selected.Any(f => f < 1 || f > count))
            {
                result.AddError($"--fold must be between 1 and {count} (the --folds)");
            }
        });

        command.SetAction(parseResult =>
        {
            var (width, height) = InputSize.Parse(parseResult.GetValue(size)!);
            var network = new SegmentationNetConfig(SegmentationArchitectures.Parse(parseResult.GetValue(architecture)!), width, height, ParseWidths(parseResult.GetValue(widths)!));
            try
            {
                network.Validate();
            }
            catch (ArgumentException exception)
            {
                throw new FormatException(exception.Message);
            }

            var outputDirectory = common.CreateOutputDirectory(parseResult);
            var selected = parseResult.GetValue(only);
            var options = new SegmentationTrainingOptions
            {
                DatasetDirectory = common.GetDatasetDirectory(parseResult),
                OutputDirectory = outputDirectory,
                Network = network,
                Folds = parseResult.GetValue(folds),
                OnlyFolds = selected is { Length: > 0 } ? selected : null,
                Epochs = parseResult.GetValue(common.Epochs),
                MinutesPerFold = parseResult.GetValue(common.Minutes),
                BatchSize = parseResult.GetValue(common.Batch),
                LearningRate = parseResult.GetValue(common.LearningRate),
                Seed = parseResult.GetValue(common.Seed),
                StripTiles = parseResult.GetValue(strip),
                GapDiceWeight = parseResult.GetValue(gapDice),
                Resume = parseResult.GetValue(common.Resume),
                CommandLine = TrainingCommandOptions.CommandLine(parseResult),
                TrainingDate = TrainingCommandOptions.Today(),
            };
            using var log = new TrainingLog(outputDirectory, append: true, parseResult.InvocationConfiguration.Output);

            log.Write($"network: {network.Describe()}{(options.StripTiles is { } tiles ? $", trained on {tiles} spine strip tiles per film" : string.Empty)}");
            var trainer = new SegmentationTrainer(options, log.Write);
            var results = ProgressDisplay.Run("training", report => trainer.Run(new SynchronousProgress<SegmentationTrainingProgress>(p => report(p.Fraction, Status(p)))));
            foreach (var result in results)
            {
                log.Write(string.Create(CultureInfo.InvariantCulture, $"fold {result.Fold}: best epoch {result.BestEpoch}, fold-validation Dice {result.BestDice:0.0000}, {result.ModelPath}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Status(SegmentationTrainingProgress progress)
    {
        var loop = progress.Loop;
        var status = string.Create(CultureInfo.InvariantCulture, $"fold {progress.Fold} epoch {loop.Epoch}/{loop.Epochs} loss {loop.Loss:0.000}");
        return loop.LastValidation is { } last ? $"{status}, {last}" : status;
    }

    private static int[] ParseWidths(string text) =>
        text.Split(',').Select(w => int.TryParse(w, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"--widths must look like 8,16,32,64,128, not '{text}'.")).ToArray();
}
