using SpineKit.Anatomy.Labels;

namespace SpineKit.Web;

/// <summary>
/// The session's current landmarks in the AASCE challenge layout, one row each: the same three files
/// <c>spinekit analyze --aasce-csv</c> writes, produced in memory.
/// </summary>
internal static class ChallengeExport
{
    /// <summary>The names of the three files, as served under <c>/api/sessions/{id}/</c>.</summary>
    public static IReadOnlyList<string> Files { get; } = [ChallengeDataset.FilenamesFile, ChallengeDataset.LandmarksFile, ChallengeDataset.AnglesFile];

    /// <summary>The text of one of <see cref="Files"/> for <paramref name="session"/>'s current state.</summary>
    public static string Write(string file, CorrectionSession session) =>
        Write(file, ChallengeEntry.FromLandmarks(session.FileName, session.State.Prediction.Landmarks));

    /// <summary>The text of one of <see cref="Files"/> for one entry (the vertebrae the page shows, after edits the server does not hold).</summary>
    public static string Write(string file, ChallengeEntry entry)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        switch (file)
        {
            case ChallengeDataset.FilenamesFile:
                ChallengeCsv.WriteFilenames(writer, [entry.FileName]);
                break;
            case ChallengeDataset.LandmarksFile:
                ChallengeCsv.WriteLandmarks(writer, [entry.NormalisedCorners]);
                break;
            case ChallengeDataset.AnglesFile:
                ChallengeCsv.WriteAngles(writer, entry.Angles is { } angles ? [angles] : []);
                break;
            default:
                throw new ArgumentException($"Not a challenge file: {file}", nameof(file));
        }

        return writer.ToString();
    }
}
