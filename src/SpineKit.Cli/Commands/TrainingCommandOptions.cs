using System.CommandLine;
using SpineKit.Detection.Training;

namespace SpineKit.Cli.Commands;

/// <summary>
/// The options every <c>spinekit train</c> subcommand shares (dataset, output folder, epochs, time budget, batch,
/// learning rate, seed, resume), each with its trainer's default and wording, and what every training action does
/// alike with them.
/// </summary>
internal sealed class TrainingCommandOptions
{
    private const string CheckpointResume = "Continue from the checkpoint in --out.";
    private const string WholeRunBudget = "Wall-clock budget; the epoch count and schedule are fitted to it after every epoch.";

    /// <summary>Makes the options.</summary>
    /// <param name="outputContents">What the output folder receives, for its help text.</param>
    /// <param name="epochs">The default epoch count.</param>
    /// <param name="epochsMeaning">What one epoch is, for the help text.</param>
    /// <param name="batch">The default batch size.</param>
    /// <param name="batchUnit">What a batch holds ("Images", "Crops").</param>
    /// <param name="seedMeaning">What the seed decides.</param>
    /// <param name="minutesMeaning">What the budget covers (by default the whole run).</param>
    /// <param name="resumeMeaning">What resuming does (by default: continue from the checkpoint in the output folder).</param>
    public TrainingCommandOptions(string outputContents, int epochs, string epochsMeaning, int batch, string batchUnit, string seedMeaning, string minutesMeaning = WholeRunBudget, string resumeMeaning = CheckpointResume)
    {
        Data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/.", Required = true };
        Output = new Option<DirectoryInfo>("--out") { Description = $"Folder for {outputContents}.", Required = true };
        Epochs = new Option<int>("--epochs") { Description = $"{epochsMeaning} (an upper bound with --minutes).", DefaultValueFactory = _ => epochs }.AtLeast(1);
        Minutes = new Option<double?>("--minutes") { Description = minutesMeaning }.Positive();
        Batch = new Option<int>("--batch") { Description = $"{batchUnit} per step.", DefaultValueFactory = _ => batch }.AtLeast(1);
        LearningRate = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 2e-3f }.Positive();
        Seed = new Option<int>("--seed") { Description = seedMeaning, DefaultValueFactory = _ => 1 };
        Resume = new Option<bool>("--resume") { Description = resumeMeaning };
    }

    /// <summary><c>--data</c>: the dataset folder (<c>images/</c>, <c>labels/</c>).</summary>
    public Option<DirectoryInfo> Data { get; }

    /// <summary><c>--out</c>: the folder for the checkpoint, model, history, curves and log.</summary>
    public Option<DirectoryInfo> Output { get; }

    /// <summary><c>--epochs</c>: passes over the training data (an upper bound with <see cref="Minutes"/>).</summary>
    public Option<int> Epochs { get; }

    /// <summary><c>--minutes</c>: the wall-clock budget, or none.</summary>
    public Option<double?> Minutes { get; }

    /// <summary><c>--batch</c>: examples per optimisation step.</summary>
    public Option<int> Batch { get; }

    /// <summary><c>--lr</c>: the peak learning rate.</summary>
    public Option<float> LearningRate { get; }

    /// <summary><c>--seed</c>: the seed of weights, order and augmentation.</summary>
    public Option<int> Seed { get; }

    /// <summary><c>--resume</c>: continue from the checkpoint.</summary>
    public Option<bool> Resume { get; }

    /// <summary>Adds the shared options, then <paramref name="specific"/>, to a new command.</summary>
    public Command CreateCommand(string name, string description, params Option[] specific)
    {
        var command = new Command(name, description);
        foreach (var option in new Option[] { Data, Output, Epochs, Minutes, Batch, LearningRate, Seed, Resume }.Concat(specific))
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>The dataset folder's full path.</summary>
    public string GetDatasetDirectory(ParseResult parseResult) => parseResult.GetValue(Data)!.FullName;

    /// <summary>Creates the output folder if needed; returns its full path.</summary>
    public string CreateOutputDirectory(ParseResult parseResult) => Directory.CreateDirectory(parseResult.GetValue(Output)!.FullName).FullName;

    /// <summary>
    /// <paramref name="options"/> (a stage's own settings on its defaults) with the shared options' values from the
    /// command line, the command line itself and today's date.
    /// </summary>
    public T Apply<T>(ParseResult parseResult, T options)
        where T : TrainingRunOptions => (T)((TrainingRunOptions)options with
        {
            Epochs = parseResult.GetValue(Epochs),
            TimeBudgetMinutes = parseResult.GetValue(Minutes),
            BatchSize = parseResult.GetValue(Batch),
            LearningRate = parseResult.GetValue(LearningRate),
            Seed = parseResult.GetValue(Seed),
            Resume = parseResult.GetValue(Resume),
            CommandLine = CommandLine(parseResult),
            TrainingDate = Today(),
        });

    /// <summary>The command line as typed, recorded in the model file.</summary>
    public static string CommandLine(ParseResult parseResult) => "spinekit " + string.Join(' ', parseResult.Tokens.Select(t => t.Value));

    /// <summary>The UTC day, recorded in the model file as its training date.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
