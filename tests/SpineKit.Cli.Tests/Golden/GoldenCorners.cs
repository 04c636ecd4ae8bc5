using System.Globalization;
using System.Text;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Cli.Tests.Golden;

/// <summary>
/// A golden file of corners: one line per corner (<c>level,corner,x,y</c>, round-trip precision) so that a
/// deliberate model change shows in review as a readable diff of the positions that moved.
/// </summary>
internal static class GoldenCorners
{
    /// <summary>Set to 1 to rewrite the golden files from the current models instead of comparing against them.</summary>
    public const string UpdateVariable = "SPINEKIT_UPDATE_GOLDEN";

    private const string Header = "level,corner,x,y";

    /// <summary>True when the run was asked to rewrite the golden files.</summary>
    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The corners of <paramref name="landmarks"/> in anatomical order, keyed by "level corner".</summary>
    public static IReadOnlyList<(string Key, Point2 Position)> Of(LandmarkSet landmarks) =>
        landmarks.Vertebrae
            .SelectMany(v => v.PresentCorners.Select(c => ($"{VertebraLevels.Name(v.Level)} {c}", v[c])))
            .ToList();

    /// <summary>Writes the file (creating its folder).</summary>
    public static void Write(string path, IReadOnlyList<(string Key, Point2 Position)> corners)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (key, position) in corners)
        {
            var parts = key.Split(' ');
            text.Append(CultureInfo.InvariantCulture, $"{parts[0]},{parts[1]},{position.X:R},{position.Y:R}\n");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    public static IReadOnlyList<(string Key, Point2 Position)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{path}: expected the header '{Header}'");
        }

        return lines.Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            var fields = line.Split(',');
            return ($"{fields[0]} {fields[1]}", new Point2(
                double.Parse(fields[2], CultureInfo.InvariantCulture),
                double.Parse(fields[3], CultureInfo.InvariantCulture)));
        }).ToList();
    }

    /// <summary>
    /// Null when every expected corner is present and within <paramref name="tolerance"/> pixels of its golden
    /// position and no corner was added; otherwise a report of the missing and added corners and the worst moves.
    /// </summary>
    public static string? Difference(
        IReadOnlyList<(string Key, Point2 Position)> expected,
        IReadOnlyList<(string Key, Point2 Position)> actual,
        double tolerance,
        int worstShown = 8)
    {
        var found = actual.ToDictionary(c => c.Key, c => c.Position);
        var wanted = expected.ToDictionary(c => c.Key, c => c.Position);
        var missing = expected.Where(c => !found.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        var added = actual.Where(c => !wanted.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        var moves = expected.Where(c => found.ContainsKey(c.Key))
            .Select(c => (c.Key, Golden: c.Position, Now: found[c.Key], Distance: Point2.Distance(c.Position, found[c.Key])))
            .OrderByDescending(m => m.Distance)
            .ToList();
        var beyond = moves.Count(m => m.Distance > tolerance);
        if (missing.Count == 0 && added.Count == 0 && beyond == 0)
        {
            return null;
        }

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{beyond} of {moves.Count} corners moved more than {tolerance} px");
        if (missing.Count > 0)
        {
            report.Append(CultureInfo.InvariantCulture, $"; missing now: {string.Join(", ", missing)}");
        }

        if (added.Count > 0)
        {
            report.Append(CultureInfo.InvariantCulture, $"; not in the golden file: {string.Join(", ", added)}");
        }

        report.Append('\n').Append("corner         golden (x, y)          now (x, y)             moved px\n");
        foreach (var move in moves.Take(worstShown).Where(m => m.Distance > tolerance))
        {
            report.Append(CultureInfo.InvariantCulture,
                $"{move.Key,-14} ({move.Golden.X,8:0.000}, {move.Golden.Y,8:0.000})  ({move.Now.X,8:0.000}, {move.Now.Y,8:0.000})  {move.Distance,8:0.000}\n");
        }

        return report.ToString();
    }
}
