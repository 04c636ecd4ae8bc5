using System.CommandLine;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit train</c>: the group of training commands.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train SpineKit's models.");
        command.Subcommands.Add(TrainLandmarksCommand.Create());
        command.Subcommands.Add(TrainSegmentationCommand.Create());
        command.Subcommands.Add(TrainRefinerCommand.Create());
        command.Subcommands.Add(TrainLevelsCommand.Create());
        return command;
    }
}
