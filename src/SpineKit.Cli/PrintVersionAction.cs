using System.CommandLine;
using System.CommandLine.Invocation;

namespace SpineKit.Cli;

/// <summary>Prints <see cref="SpineKitApp.Version"/> for <c>--version</c>.</summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(SpineKitApp.Version);
        return ExitCodes.Success;
    }
}
