using System.CommandLine.Parsing;

namespace SpineKit.Cli;

/// <summary>Option validators shared by the commands.</summary>
internal static class OptionChecks
{
    /// <summary>Turns a <see cref="FormatException"/> of <paramref name="parse"/> into a usage error of the option (exit code 2, the message without its full stop).</summary>
    public static void Parses(OptionResult result, Action<string> parse)
    {
        try
        {
            parse(result.GetValueOrDefault<string>() ?? string.Empty);
        }
        catch (FormatException exception)
        {
            result.AddError(exception.Message.TrimEnd('.'));
        }
    }
}
