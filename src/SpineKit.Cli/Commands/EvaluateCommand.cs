using System.CommandLine;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit evaluate</c>: the group of evaluation commands.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "Measure a model's accuracy on labelled data.");
        command.Subcommands.Add(EvaluateLandmarksCommand.Create());
        command.Subcommands.Add(EvaluateFullSpineCommand.Create());
        command.Subcommands.Add(EvaluateInteractiveCommand.Create());
        command.Subcommands.Add(EvaluateSegmentationCommand.Create());
        return command;
    }
}
