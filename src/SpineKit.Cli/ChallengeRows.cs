using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Cli;

/// <summary>
/// Which predictions a batch's challenge CSV can hold: the layout has one fixed-length row per image, every level
/// of the model with four corners, so a partial view (or a name the filenames file cannot hold) has no row.
/// </summary>
internal static class ChallengeRows
{
    /// <summary>Why <paramref name="landmarks"/> cannot be a row of a batch's challenge CSV, or null when it can.</summary>
    public static string? WhyNot(string fileName, LandmarkSet landmarks, int levelCount)
    {
        if (landmarks.Vertebrae.Count < levelCount || landmarks.Vertebrae.Any(v => !v.HasLowerEndplate))
        {
            return $"partial view (not all {levelCount} levels with four corners), left out of the challenge CSV";
        }

        return ChallengeCsv.CanWriteFilename(fileName)
            ? null
            : "its name holds a line break or control character, left out of the challenge CSV";
    }

    /// <summary>
    /// Writes the challenge CSV of <paramref name="sets"/> (named by <paramref name="names"/>) into <paramref name="directory"/>,
    /// one row per set that can be one; each set left out is handed to <paramref name="leftOut"/> with the reason.
    /// </summary>
    /// <returns>How many rows were written.</returns>
    public static int Write(string directory, IReadOnlyList<string> names, IReadOnlyList<LandmarkSet> sets, int levelCount, Action<string, string> leftOut)
    {
        var entries = new List<ChallengeEntry>();
        for (var i = 0; i < sets.Count; i++)
        {
            if (WhyNot(names[i], sets[i], levelCount) is { } reason)
            {
                leftOut(names[i], reason);
            }
            else
            {
                entries.Add(ChallengeEntry.FromLandmarks(names[i], sets[i]));
            }
        }

        ChallengeDataset.Write(directory, entries);
        return entries.Count;
    }
}
