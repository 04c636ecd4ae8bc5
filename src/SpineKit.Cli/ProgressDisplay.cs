using Spectre.Console;

namespace SpineKit.Cli;

/// <summary>
/// A progress bar for long work when a person is watching (an interactive terminal), and nothing extra
/// when output is redirected (logs and CI keep just the command's own lines).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports (fraction done in [0, 1], status text).</summary>
    public static T Run<T>(string title, Func<Action<double, string>, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work((_, _) => { });
        }

        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                result = work((fraction, status) =>
                {
                    task.Value = Math.Clamp(fraction, 0, 1);
                    task.Description = Markup.Escape($"{title}: {status}");
                });
                task.Value = 1.0;
            });
        return result;
    }
}
