using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// <c>levels.csv</c>, SpineKit's addition to the challenge layout: per row of <c>landmarks.csv</c>, the level of each
/// vertebra in the row's order ("L1,L2,L3,L4,L5,S1"). The challenge layout names no levels (its rows are T1 to L5),
/// so labels made by hand on other views (a lateral film, C2 to S1) carry their levels here. No header.
/// </summary>
public static class LevelsCsv
{
    /// <summary>The file name, beside <c>landmarks.csv</c>.</summary>
    public const string FileName = "levels.csv";

    /// <summary>Reads the file in <paramref name="labelsDirectory"/>, or null when there is none.</summary>
    public static IReadOnlyList<IReadOnlyList<VertebraLevel>>? ReadIfPresent(string labelsDirectory)
    {
        var path = Path.Combine(labelsDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = File.OpenText(path);
        return Read(reader, path);
    }

    /// <summary>Reads one list of levels per non-empty row; an unknown or repeated level is a <see cref="LabelFormatException"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<VertebraLevel>> Read(TextReader reader, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<IReadOnlyList<VertebraLevel>>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 4096)
            {
                throw new LabelFormatException(source, "the line is too long for a list of levels", number);
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (rows.Count >= ChallengeCsv.MaxRows)
            {
                throw new LabelFormatException(source, $"more than {ChallengeCsv.MaxRows} rows", number);
            }

            var fields = line.Split(',');
            var levels = new List<VertebraLevel>(fields.Length);
            for (var i = 0; i < fields.Length; i++)
            {
                var name = fields[i].Trim().Trim('"');
                if (!VertebraLevels.TryParse(name, out var level))
                {
                    throw new LabelFormatException(source, $"'{name}' is not a level from C1 to S1", number, i + 1);
                }

                if (levels.Contains(level.Value))
                {
                    throw new LabelFormatException(source, $"{name} appears twice in the row", number, i + 1);
                }

                levels.Add(level.Value);
            }

            rows.Add(levels);
        }

        return rows;
    }

    /// <summary>A row of normalised corners in pixels with the levels <paramref name="levels"/> names, in the row's order.</summary>
    public static LandmarkSet ToLandmarkSet(ChallengeEntry entry, IReadOnlyList<VertebraLevel> levels, ImageSize size, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(levels);
        var count = entry.NormalisedCorners.Count / 4;
        if (levels.Count != count)
        {
            throw new LabelFormatException(source, $"{entry.FileName}: {levels.Count} levels named for {count} vertebrae in landmarks.csv");
        }

        var vertebrae = new Vertebra[count];
        Span<Point2> corners = stackalloc Point2[4];
        for (var v = 0; v < count; v++)
        {
            for (var c = 0; c < 4; c++)
            {
                var n = entry.NormalisedCorners[(4 * v) + c];
                corners[c] = new Point2(n.X * size.Width, n.Y * size.Height);
            }

            vertebrae[v] = Vertebra.FromCorners(levels[v], corners);
        }

        return new LandmarkSet(size, vertebrae, imageName: entry.FileName);
    }
}
