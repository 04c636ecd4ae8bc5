using System.CommandLine;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit export</c>: the group of commands that write models in other formats.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Write SpineKit models in other formats.");
        command.Subcommands.Add(ExportOnnxCommand.Create());
        return command;
    }
}
