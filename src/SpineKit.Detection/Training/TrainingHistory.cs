using System.Globalization;
using System.Text;

namespace SpineKit.Detection.Training;

/// <summary>
/// Per-epoch figures of one run as named columns (<c>epoch</c> first), kept as CSV: in the checkpoint
/// (so a resumed run continues it) and as <c>history.csv</c> beside it.
/// </summary>
internal sealed class TrainingHistory
{
    private readonly List<double[]> _rows = [];

    /// <summary>An empty history with these columns (the first must be <c>epoch</c>).</summary>
    public TrainingHistory(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0 || columns[0] != "epoch")
        {
            throw new ArgumentException("The first column of a training history is 'epoch'.", nameof(columns));
        }

        Columns = [.. columns];
    }

    /// <summary>Column names, <c>epoch</c> first.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Recorded epochs, oldest first, one value per column.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Rows => _rows;

    /// <summary>Adds one epoch's values, one per column.</summary>
    public void Add(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Columns.Count)
        {
            throw new ArgumentException($"A row has {Columns.Count} values, not {values.Count}.", nameof(values));
        }

        _rows.Add([.. values]);
    }

    /// <summary>The values of column <paramref name="name"/>, oldest first (empty when there is no such column).</summary>
    public double[] Column(string name)
    {
        var index = Columns.ToList().IndexOf(name);
        return index < 0 ? [] : [.. _rows.Select(r => r[index])];
    }

    /// <summary>The history as CSV text with a header line; values round-trip exactly.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var row in _rows)
        {
            text.Append(string.Join(',', row.Select((v, i) => i == 0 ? ((int)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Parses what <see cref="ToCsv"/> wrote; rows that do not parse are dropped.</summary>
    public static TrainingHistory Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            throw new FormatException("A training history starts with a header line.");
        }

        var history = new TrainingHistory(lines[0].Split(','));
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length == history.Columns.Count)
            {
                history.Add([.. cells.Select(c => double.TryParse(c, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)]);
            }
        }

        return history;
    }

    /// <summary>Reads a <c>history.csv</c>; a missing file gives null.</summary>
    public static TrainingHistory? Read(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    /// <summary>Writes the CSV, replacing the file atomically.</summary>
    public void WriteCsv(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToCsv());
        File.Move(temporary, path, overwrite: true);
    }
}
