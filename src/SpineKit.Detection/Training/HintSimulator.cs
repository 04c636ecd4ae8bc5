using System.Numerics;
using SpineKit.Anatomy;

namespace SpineKit.Detection.Training;

/// <summary>
/// Simulates user corrections during training: often none (so the model stays a good automatic
/// detector), otherwise one to <see cref="MaxHints"/> true corners picked at random, which teaches the
/// network to propagate a correction to the neighbouring vertebrae.
/// </summary>
internal static class HintSimulator
{
    /// <summary>Most hints given to one training image.</summary>
    public const int MaxHints = 13;

    /// <summary>Share of training images that get no hint at all.</summary>
    public const double NoHintProbability = 0.5;

    /// <summary>Picks hints among <paramref name="corners"/> (4 per vertebra, input pixels).</summary>
    public static List<(Corner Corner, Vector2 Point)> Draw(ReadOnlySpan<Vector2> corners, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var hints = new List<(Corner, Vector2)>();
        if (corners.Length == 0 || random.NextDouble() < NoHintProbability)
        {
            return hints;
        }

        // Few clicks are the common case in use: draw the count with a decaying distribution.
        var count = Math.Min(corners.Length, 1 + (int)Math.Floor(Math.Pow(random.NextDouble(), 2) * MaxHints));
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(random.Next(corners.Length));
        }

        foreach (var index in chosen.Order())
        {
            hints.Add(((Corner)(index % 4), corners[index]));
        }

        return hints;
    }
}
