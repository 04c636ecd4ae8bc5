using System.Globalization;
using System.Text;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// The AASCE challenge's three label files: <c>filenames.csv</c> (one image name per row),
/// <c>landmarks.csv</c> (per row x1..xN then y1..yN, normalised by image width and height, four corners
/// per vertebra in the order tl, tr, bl, br) and <c>angles.csv</c> (three angles in degrees per row).
/// Rows carry no header. Readers throw <see cref="LabelFormatException"/> for anything malformed.
/// </summary>
public static class ChallengeCsv
{
    /// <summary>The most numbers a landmark row may hold (40 vertebrae), so a hostile file cannot exhaust memory.</summary>
    public const int MaxNumbersPerRow = 40 * 8;

    /// <summary>The most rows any of the files may hold.</summary>
    public const int MaxRows = 1_000_000;

    private const int MaxLineLength = 64 * 1024;

    /// <summary>Reads <c>filenames.csv</c>: one non-empty file name per row (surrounding double quotes removed).</summary>
    public static IReadOnlyList<string> ReadFilenames(TextReader reader, string source = "filenames.csv")
    {
        var names = new List<string>();
        foreach (var (line, number) in Lines(reader, source))
        {
            var name = line.Trim();
            if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            {
                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            if (name.Length == 0)
            {
                throw new LabelFormatException(source, "the file name is empty", number, 1);
            }

            if (name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or "..")
            {
                throw new LabelFormatException(source, $"'{name}' is not a plain file name", number, 1);
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>Reads <c>landmarks.csv</c> into normalised corners (x in widths, y in heights), one array per row.</summary>
    public static IReadOnlyList<Point2[]> ReadLandmarks(TextReader reader, string source = "landmarks.csv")
    {
        var rows = new List<Point2[]>();
        int? expected = null;
        foreach (var (line, number) in Lines(reader, source))
        {
            var values = ParseNumbers(line, number, source);
            if (values.Length < 16)
            {
                throw new LabelFormatException(source, $"a row needs at least 2 vertebrae (16 numbers), found {values.Length}", number);
            }

            if (values.Length % 8 != 0)
            {
                throw new LabelFormatException(source, $"a row needs 8 numbers per vertebra (x then y of 4 corners), found {values.Length}", number);
            }

            if (expected is { } count && values.Length != count)
            {
                throw new LabelFormatException(source, $"this row has {values.Length} numbers but the first row has {count}", number);
            }

            expected = values.Length;
            var half = values.Length / 2;
            var corners = new Point2[half];
            for (var i = 0; i < half; i++)
            {
                corners[i] = new Point2(values[i], values[half + i]);
            }

            rows.Add(corners);
        }

        return rows;
    }

    /// <summary>Reads <c>angles.csv</c>: three angles in degrees per row.</summary>
    public static IReadOnlyList<AngleTriple> ReadAngles(TextReader reader, string source = "angles.csv")
    {
        var rows = new List<AngleTriple>();
        foreach (var (line, number) in Lines(reader, source))
        {
            var values = ParseNumbers(line, number, source);
            if (values.Length != AngleTriple.Count)
            {
                throw new LabelFormatException(source, $"a row needs 3 angles, found {values.Length}", number);
            }

            rows.Add(new AngleTriple(values[0], values[1], values[2]));
        }

        return rows;
    }

    /// <summary>
    /// Writes <c>filenames.csv</c>, each name through <see cref="SpreadsheetSafe"/>: a spreadsheet opening the file
    /// must not run a name such as <c>=HYPERLINK(...)</c> as a formula.
    /// </summary>
    /// <exception cref="ArgumentException">A name holds a line break or control character (see <see cref="CanWriteFilename"/>).</exception>
    public static void WriteFilenames(TextWriter writer, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!CanWriteFilename(name))
            {
                throw new ArgumentException("A file name with a line break or control character cannot be a row of filenames.csv.", nameof(names));
            }

            writer.Write(SpreadsheetSafe(name));
            writer.Write('\n');
        }
    }

    /// <summary>True when <paramref name="fileName"/> can be a row of <c>filenames.csv</c>: one line per name leaves no room for line breaks or other control characters.</summary>
    public static bool CanWriteFilename(string fileName) => !string.IsNullOrEmpty(fileName) && !fileName.Any(char.IsControl);

    /// <summary>
    /// The cell for <paramref name="value"/>: quoted as RFC 4180 says when it holds a comma or a quote, and prefixed
    /// with an apostrophe when it starts like a spreadsheet formula (<c>= + - @</c>), which spreadsheets then show as text.
    /// </summary>
    public static string SpreadsheetSafe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }


    /// <summary>Writes <c>landmarks.csv</c> from normalised corners (all rows must have the same count).</summary>
    public static void WriteLandmarks(TextWriter writer, IEnumerable<IReadOnlyList<Point2>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var line = new StringBuilder();
        int? expected = null;
        foreach (var row in rows)
        {
            if (row.Count == 0 || row.Count % 4 != 0 || (expected is { } count && row.Count != count))
            {
                throw new ArgumentException("Every row needs the same, non-zero number of corners, four per vertebra.", nameof(rows));
            }

            expected = row.Count;
            line.Clear();
            for (var i = 0; i < row.Count; i++)
            {
                AppendNumber(line, row[i].X);
            }

            for (var i = 0; i < row.Count; i++)
            {
                AppendNumber(line, row[i].Y);
            }

            line.Length--;
            writer.Write(line);
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>angles.csv</c> with round-trip precision.</summary>
    public static void WriteAngles(TextWriter writer, IEnumerable<AngleTriple> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            AppendNumber(line, row.First);
            AppendNumber(line, row.Second);
            AppendNumber(line, row.Third);
            line.Length--;
            writer.Write(line);
            writer.Write('\n');
        }
    }

    /// <summary>Converts one normalised row into a landmark set in pixels, levels counted down from <paramref name="firstLevel"/>.</summary>
    public static LandmarkSet ToLandmarkSet(IReadOnlyList<Point2> normalisedCorners, ImageSize size, VertebraLevel firstLevel = VertebraLevel.T1, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(normalisedCorners);
        if (normalisedCorners.Count % 4 != 0)
        {
            throw new ArgumentException("Expected four corners per vertebra.", nameof(normalisedCorners));
        }

        var count = normalisedCorners.Count / 4;
        var available = CountTypicalFrom(firstLevel);
        if (count > available)
        {
            throw new LabelFormatException(imageName ?? "landmarks", $"{count} vertebrae do not fit between {firstLevel} and S1 ({available} levels)");
        }

        var levels = VertebraLevels.Run(firstLevel, count);
        var vertebrae = new Vertebra[levels.Count];
        Span<Point2> corners = stackalloc Point2[4];
        for (var v = 0; v < vertebrae.Length; v++)
        {
            for (var c = 0; c < 4; c++)
            {
                var n = normalisedCorners[(4 * v) + c];
                corners[c] = new Point2(n.X * size.Width, n.Y * size.Height);
            }

            vertebrae[v] = Vertebra.FromCorners(levels[v], corners);
        }

        return new LandmarkSet(size, vertebrae, imageName: imageName);
    }

    /// <summary>Converts a landmark set (four corners per vertebra) into normalised corners, in its vertebra order.</summary>
    public static Point2[] ToNormalized(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Vertebrae.Any(v => !v.HasLowerEndplate))
        {
            throw new ArgumentException("The challenge layout needs four corners on every vertebra.", nameof(landmarks));
        }

        return landmarks.CornerArray()
            .Select(p => new Point2(p.X / landmarks.Size.Width, p.Y / landmarks.Size.Height))
            .ToArray();
    }

    private static int CountTypicalFrom(VertebraLevel level)
    {
        var count = 0;
        for (VertebraLevel? current = level; current is { } l; current = VertebraLevels.NextTypical(l))
        {
            count++;
        }

        return count;
    }

    private static void AppendNumber(StringBuilder line, double value)
    {
        line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        line.Append(',');
    }

    private static IEnumerable<(string Line, int Number)> Lines(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var number = 0;
        var buffer = new StringBuilder();
        var count = 0;
        while (true)
        {
            var line = ReadBoundedLine(reader, buffer, source, number + 1);
            if (line is null)
            {
                yield break;
            }

            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (++count > MaxRows)
            {
                throw new LabelFormatException(source, $"more than {MaxRows} rows", number);
            }

            yield return (line, number);
        }
    }

    /// <summary>Reads one line without letting a file with no newlines grow a string without bound.</summary>
    private static string? ReadBoundedLine(TextReader reader, StringBuilder buffer, string source, int number)
    {
        buffer.Clear();
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                return buffer.Length == 0 ? null : buffer.ToString();
            }

            if (next == '\n')
            {
                return buffer.ToString();
            }

            if (next == '\r')
            {
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                }

                return buffer.ToString();
            }

            if (buffer.Length >= MaxLineLength)
            {
                throw new LabelFormatException(source, $"the line is longer than {MaxLineLength} characters", number);
            }

            buffer.Append((char)next);
        }
    }

    private static double[] ParseNumbers(string line, int number, string source)
    {
        var fields = line.Split(',');
        if (fields.Length > MaxNumbersPerRow)
        {
            throw new LabelFormatException(source, $"more than {MaxNumbersPerRow} numbers in a row", number);
        }

        var values = new double[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i].Trim();
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var shown = field.Length > 20 ? field[..20] + "..." : field;
                throw new LabelFormatException(source, field.Length == 0 ? "the field is empty" : $"'{shown}' is not a number", number, i + 1);
            }

            if (!double.IsFinite(value))
            {
                throw new LabelFormatException(source, $"'{field}' is not a finite number", number, i + 1);
            }

            values[i] = value;
        }

        return values;
    }
}
