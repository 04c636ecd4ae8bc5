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
}
