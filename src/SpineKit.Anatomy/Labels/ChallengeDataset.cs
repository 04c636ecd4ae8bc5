using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// A label set in the challenge layout: a folder holding <c>filenames.csv</c>, <c>landmarks.csv</c> and
/// optionally <c>angles.csv</c>, either directly or in a <c>labels/</c> subfolder beside <c>images/</c>
/// (as in <c>aasce-train</c>). Images are never opened here; callers supply image sizes.
/// </summary>
public sealed class ChallengeDataset
{
    /// <summary>The file name of the image list.</summary>
    public const string FilenamesFile = "filenames.csv";

    /// <summary>The file name of the landmark rows.</summary>
    public const string LandmarksFile = "landmarks.csv";

    /// <summary>The file name of the angle rows.</summary>
    public const string AnglesFile = "angles.csv";

    private ChallengeDataset(string labelsDirectory, string? imagesDirectory, IReadOnlyList<ChallengeEntry> entries, bool hasAngles)
    {
        LabelsDirectory = labelsDirectory;
        ImagesDirectory = imagesDirectory;
        Entries = entries;
        HasAngles = hasAngles;
    }

    /// <summary>The folder the CSV files were read from.</summary>
    public string LabelsDirectory { get; }

    /// <summary>The sibling <c>images/</c> folder, when it exists.</summary>
    public string? ImagesDirectory { get; }

    /// <summary>The images in <c>filenames.csv</c> order.</summary>
    public IReadOnlyList<ChallengeEntry> Entries { get; }

    /// <summary>True when <c>angles.csv</c> was present (then every entry has angles).</summary>
    public bool HasAngles { get; }

    /// <summary>
    /// Loads a dataset folder (with <c>labels/</c>) or a labels folder. Missing folders raise
    /// <see cref="DirectoryNotFoundException"/>; missing or inconsistent label files raise <see cref="LabelFormatException"/>.
    /// </summary>
    public static ChallengeDataset Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"label folder not found: {directory}");
        }

        var labels = Path.Combine(directory, "labels");
        string? images = Path.Combine(directory, "images");
        if (!File.Exists(Path.Combine(labels, FilenamesFile)))
        {
            labels = directory;
            images = null;
        }

        if (images is not null && !Directory.Exists(images))
        {
            images = null;
        }

        var names = Read(labels, FilenamesFile, required: true, ChallengeCsv.ReadFilenames)!;
        var landmarks = Read(labels, LandmarksFile, required: true, ChallengeCsv.ReadLandmarks)!;
        var angles = Read(labels, AnglesFile, required: false, ChallengeCsv.ReadAngles);
        RequireSameCount(labels, LandmarksFile, landmarks.Count, names.Count);
        if (angles is not null)
        {
            RequireSameCount(labels, AnglesFile, angles.Count, names.Count);
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LabelFormatException(Path.Combine(labels, FilenamesFile), $"'{duplicate.Key}' is listed more than once");
        }

        var entries = new ChallengeEntry[names.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new ChallengeEntry(names[i], landmarks[i], angles?[i]);
        }

        return new ChallengeDataset(labels, images, entries, angles is not null);
    }

    /// <summary>Writes the three files (angles only when every entry has them) into <paramref name="labelsDirectory"/>.</summary>
    public static void Write(string labelsDirectory, IReadOnlyList<ChallengeEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelsDirectory);
        ArgumentNullException.ThrowIfNull(entries);
        Directory.CreateDirectory(labelsDirectory);
        using (var writer = new StreamWriter(Path.Combine(labelsDirectory, FilenamesFile)))
        {
            ChallengeCsv.WriteFilenames(writer, entries.Select(e => e.FileName));
        }

        using (var writer = new StreamWriter(Path.Combine(labelsDirectory, LandmarksFile)))
        {
            ChallengeCsv.WriteLandmarks(writer, entries.Select(e => e.NormalisedCorners));
        }

        if (entries.Count > 0 && entries.All(e => e.Angles is not null))
        {
            WriteAngles(Path.Combine(labelsDirectory, AnglesFile), entries.Select(e => e.Angles!.Value));
        }
    }

    /// <summary>Writes an <c>angles.csv</c> file (one triple per row, round-trip precision).</summary>
    public static void WriteAngles(string path, IEnumerable<AngleTriple> angles)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path);
        ChallengeCsv.WriteAngles(writer, angles);
    }

    /// <summary>The path of an entry's image, when the dataset has an <c>images/</c> folder.</summary>
    public string? ImagePath(ChallengeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ImagesDirectory is null ? null : Path.Combine(ImagesDirectory, entry.FileName);
    }

    /// <summary>Every entry as a landmark set in pixels, sizes supplied by the caller (who may read image headers).</summary>
    public IReadOnlyList<LandmarkSet> ToLandmarkSets(Func<ChallengeEntry, ImageSize> sizeOf, VertebraLevel firstLevel = VertebraLevel.T1)
    {
        ArgumentNullException.ThrowIfNull(sizeOf);
        return Entries.Select(e => e.ToLandmarkSet(sizeOf(e), firstLevel)).ToArray();
    }

    private static T? Read<T>(string directory, string file, bool required, Func<TextReader, string, T> parse)
        where T : class
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return required ? throw new LabelFormatException(path, "the file is missing") : null;
        }

        using var reader = File.OpenText(path);
        return parse(reader, path);
    }

    private static void RequireSameCount(string directory, string file, int count, int expected)
    {
        if (count != expected)
        {
            throw new LabelFormatException(
                Path.Combine(directory, file),
                $"{count} rows, but {FilenamesFile} lists {expected} images");
        }
    }
}
