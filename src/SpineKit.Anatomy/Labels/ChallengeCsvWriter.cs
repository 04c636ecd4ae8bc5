using SpineKit.Anatomy.Cobb;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// Writes the challenge's three CSV files row by row as a batch goes, flushing after each image, so a batch
/// stopped half-way still leaves valid files for the images it finished (same row count in all three).
/// </summary>
public sealed class ChallengeCsvWriter : IDisposable
{
    private readonly StreamWriter filenames;
    private readonly StreamWriter landmarks;
    private readonly StreamWriter angles;

    /// <summary>Creates (or replaces) the three files in <paramref name="directory"/>.</summary>
    public ChallengeCsvWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        filenames = new StreamWriter(Path.Combine(directory, ChallengeDataset.FilenamesFile));
        landmarks = new StreamWriter(Path.Combine(directory, ChallengeDataset.LandmarksFile));
        angles = new StreamWriter(Path.Combine(directory, ChallengeDataset.AnglesFile));
    }

    /// <summary>How many rows have been written.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one image (it needs every level and its angles) to the three files and flushes them.</summary>
    /// <exception cref="ArgumentException">The name cannot be written (see <see cref="ChallengeCsv.CanWriteFilename"/>) or the entry has no angles.</exception>
    public void Add(ChallengeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!ChallengeCsv.CanWriteFilename(entry.FileName))
        {
            throw new ArgumentException("A file name with a line break or control character cannot be a row of filenames.csv.", nameof(entry));
        }

        var triple = entry.Angles ?? throw new ArgumentException("The entry has no angles.", nameof(entry));

        // The numbers first and the name last: a process killed in between leaves a name-less row at most, which
        // the next batch's files replace, rather than a name that points at the wrong numbers.
        ChallengeCsv.WriteLandmarks(landmarks, [entry.NormalisedCorners]);
        ChallengeCsv.WriteAngles(angles, [triple]);
        landmarks.Flush();
        angles.Flush();
        ChallengeCsv.WriteFilenames(filenames, [entry.FileName]);
        filenames.Flush();
        Count++;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        filenames.Dispose();
        landmarks.Dispose();
        angles.Dispose();
    }
}
