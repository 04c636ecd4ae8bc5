using System.CommandLine;

namespace SpineKit.Cli;

/// <summary>The list of subcommands; each lives in its own file under <c>Commands/</c>.</summary>
internal static class CommandCatalog
{
    /// <summary>Every subcommand, in the order <c>--help</c> lists them.</summary>
    public static IEnumerable<Command> All()
    {
        yield return Commands.AnalyzeCommand.Create();
        yield return Commands.PacsCommand.Create();
        yield return Commands.SegmentCommand.Create();
        yield return Commands.ImageInfoCommand.Create();
        yield return Commands.ConvertImagesCommand.Create();
        yield return Commands.AnglesCommand.Create();
        yield return Commands.MeasureCommand.Create();
        yield return Commands.ScoreCommand.Create();
        yield return Commands.EvaluateCommand.Create();
        yield return Commands.TrainCommand.Create();
        yield return Commands.ServeCommand.Create();
        yield return Commands.ExportCommand.Create();
        yield return Commands.VersionInfoCommand.Create();
    }
}
