using System.CommandLine;
using System.Reflection;

namespace SpineKit.Cli;

/// <summary>
/// Builds the <c>spinekit</c> command tree and runs it, mapping failures to the documented exit codes.
/// </summary>
internal static class SpineKitApp
{
    /// <summary>The informational version printed by <c>--version</c>.</summary>
    public static string Version =>
        typeof(SpineKitApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    /// <summary>Creates the root command with every subcommand that exists.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "SpineKit: finds vertebrae and their corners on spine radiographs and measures Cobb and sagittal angles.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        // The default prints the entry assembly's version, which is the test host's under a test runner.
        foreach (var versionOption in root.Options.OfType<VersionOption>())
        {
            versionOption.Action = new PrintVersionAction();
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRootCommand();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line is enough to say what was wrong; --help says the rest.
            var messages = parsed.Errors.Select(e => e.Message.TrimEnd('.')).Distinct().Reverse();
            error.WriteLine($"spinekit: {string.Join("; ", messages)} (see 'spinekit --help')");
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parsed.Invoke(configuration);
        }
        catch (Exception exception) when (UserFacingError.TryDescribe(exception, out var message))
        {
            error.WriteLine($"spinekit: {message}");
            return ExitCodes.ProcessingError;
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("SPINEKIT_DEBUG") != "1")
        {
            // Anything else is a bug in SpineKit, not bad input: say so in one line; SPINEKIT_DEBUG=1 shows the stack.
            error.WriteLine($"spinekit: internal error ({exception.GetType().Name}: {exception.Message}); please report it, SPINEKIT_DEBUG=1 shows details");
            return ExitCodes.ProcessingError;
        }
    }
}
