namespace SpineKit.Anatomy.Labels;

/// <summary>
/// The one exception Anatomy throws for label files it cannot read: malformed CSV, wrong counts,
/// unknown levels, a truth set without predictions. The message names the file and, where known, the
/// 1-based line and column.
/// </summary>
public sealed class LabelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file or stream being read ("landmarks.csv", a path, ...).</param>
    /// <param name="problem">What is wrong, in words a user understands.</param>
    /// <param name="line">1-based line (CSV row) of the problem, if known.</param>
    /// <param name="column">1-based column (CSV field) of the problem, if known.</param>
    /// <param name="inner">The underlying parser exception, if any.</param>
    public LabelFormatException(string source, string problem, int? line = null, int? column = null, Exception? inner = null)
        : base(Describe(source, problem, line, column), inner)
    {
        SourceName = source;
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>The file or stream being read.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the problem, if known.</summary>
    public int? Line { get; }

    /// <summary>1-based field of the problem, if known.</summary>
    public int? Column { get; }

    private static string Describe(string source, string problem, int? line, int? column)
    {
        var where = (line, column) switch
        {
            ({ } l, { } c) => $" at line {l}, column {c}",
            ({ } l, null) => $" at line {l}",
            _ => string.Empty,
        };
        return $"{source}{where}: {problem}";
    }
}
