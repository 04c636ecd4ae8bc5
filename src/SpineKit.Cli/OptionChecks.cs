using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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

    /// <summary>Makes a value below <paramref name="minimum"/> a usage error of <paramref name="option"/> (exit code 2) instead of a failure deep in training.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {minimum}, not {result.GetValueOrDefault<int>()}"));
            }
        });
        return option;
    }

    /// <summary>Makes a value that is not a finite number above zero a usage error of <paramref name="option"/>.</summary>
    public static Option<T> Positive<T>(this Option<T> option)
    {
        option.Validators.Add(result =>
        {
            var value = Convert.ToDouble(result.GetValueOrDefault<T>(), CultureInfo.InvariantCulture);
            if (result.GetValueOrDefault<T>() is not null && (!double.IsFinite(value) || value <= 0))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a number above 0, not {value}"));
            }
        });
        return option;
    }
}
