using System.Diagnostics.CodeAnalysis;

namespace SpineKit.Anatomy;

/// <summary>Names, order and adjacency of <see cref="VertebraLevel"/> values.</summary>
public static class VertebraLevels
{
    /// <summary>The levels the AASCE challenge labels, T1 to L5 (17 vertebrae).</summary>
    public static IReadOnlyList<VertebraLevel> ChallengeLevels { get; } = Run(VertebraLevel.T1, 17);

    /// <summary>True for the levels most people do not have (<see cref="VertebraLevel.T13"/>, <see cref="VertebraLevel.L6"/>).</summary>
    public static bool IsTransitional(VertebraLevel level) => level is VertebraLevel.T13 or VertebraLevel.L6;

    /// <summary>True for C1 to C7.</summary>
    public static bool IsCervical(VertebraLevel level) => level is >= VertebraLevel.C1 and <= VertebraLevel.C7;

    /// <summary>True for T1 to T13.</summary>
    public static bool IsThoracic(VertebraLevel level) => level is >= VertebraLevel.T1 and <= VertebraLevel.T13;

    /// <summary>True for L1 to L6.</summary>
    public static bool IsLumbar(VertebraLevel level) => level is >= VertebraLevel.L1 and <= VertebraLevel.L6;

    /// <summary>The short name used in files and reports, e.g. "T7".</summary>
    public static string Name(VertebraLevel level) =>
        Enum.IsDefined(level) ? level.ToString() : throw new ArgumentOutOfRangeException(nameof(level), level, "Not a vertebral level.");

    /// <summary>Parses a short name such as "T7" or "l5" (case-insensitive); numbers are rejected.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out VertebraLevel? level)
    {
        level = null;
        if (string.IsNullOrEmpty(text) || text.Length > 3 || !char.IsLetter(text[0]))
        {
            return false;
        }

        if (Enum.TryParse<VertebraLevel>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            level = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The next level down in a typical spine (transitional levels skipped); null after S1.</summary>
    public static VertebraLevel? NextTypical(VertebraLevel level)
    {
        for (var next = level + 1; next <= VertebraLevel.S1; next++)
        {
            if (!IsTransitional(next))
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="lower"/> may directly follow <paramref name="upper"/>: the next typical level,
    /// or a transitional level inserted between them (T12, T13, L1 and L5, L6, S1 are all contiguous).
    /// </summary>
    public static bool AreAdjacent(VertebraLevel upper, VertebraLevel lower) =>
        lower == upper + 1 || (lower == upper + 2 && IsTransitional(upper + 1));

    /// <summary>The contiguous typical run of <paramref name="count"/> levels starting at <paramref name="first"/>.</summary>
    public static IReadOnlyList<VertebraLevel> Run(VertebraLevel first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var levels = new List<VertebraLevel>(count);
        VertebraLevel? current = first;
        while (levels.Count < count)
        {
            if (current is not { } level)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, $"There are fewer than {count} levels from {first} to S1.");
            }

            levels.Add(level);
            current = NextTypical(level);
        }

        return levels;
    }
}
