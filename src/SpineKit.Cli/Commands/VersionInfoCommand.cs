using System.CommandLine;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit about</c>: version, runtime and the SIMD width the kernels will use.</summary>
internal static class VersionInfoCommand
{
    public static Command Create()
    {
        var command = new Command("about", "Print the SpineKit version, the .NET runtime and the SIMD support of this CPU.");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"spinekit {SpineKitApp.Version}");
            output.WriteLine($"runtime   .NET {Environment.Version}, {Environment.ProcessorCount} logical cores");
            output.WriteLine($"simd      Vector512 {(Vector512.IsHardwareAccelerated ? "yes" : "no")}, " +
                $"Vector256 {(Vector256.IsHardwareAccelerated ? "yes" : "no")}, Vector<float> {Vector<float>.Count} lanes");
            return ExitCodes.Success;
        });
        return command;
    }
}
