namespace SpineKit.Cli;

/// <summary>
/// The log of a training command: every line stamped with the UTC time and written both to the console and to
/// <c>train.log</c> in the run's folder (appended when resuming, so one file tells the whole run's story).
/// </summary>
internal sealed class TrainingLog : IDisposable
{
    private readonly StreamWriter _file;
    private readonly TextWriter _console;

    /// <summary>Opens <c>train.log</c> in <paramref name="directory"/>.</summary>
    public TrainingLog(string directory, bool append, TextWriter console)
    {
        _file = new StreamWriter(Path.Combine(directory, "train.log"), append) { AutoFlush = true };
        _console = console;
    }

    /// <summary>Writes one stamped line.</summary>
    public void Write(string line)
    {
        var stamped = $"{DateTime.UtcNow:HH:mm:ss} {line}";
        _file.WriteLine(stamped);
        _console.WriteLine(stamped);
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}
