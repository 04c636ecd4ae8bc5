using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Preprocessing;

namespace SpineKit.Detection.Inference;

/// <summary>
/// The one check of a list of corrections, made before any network pass: a level the model does not find, a
/// corner far outside the image, two corners of one vertebra on the same point, or three or four corners of one
/// vertebra on a line. Such hints come from a client bug or a hostile client, never from a drag on the page,
/// and a degenerate end plate has no direction, so every angle through it would be NaN.
/// </summary>
internal static class HintValidation
{
    /// <summary>Closer than this (pixels), two corners of one vertebra are the same point.</summary>
    public const double MinCornerSeparation = 1.0;

    /// <summary>A vertebra whose hinted corners span less area than this (square pixels) is flat.</summary>
    public const double MinArea = 1.0;

    /// <summary>The hints in force, one per corner: a later hint on the same corner replaces an earlier one (first-placed order kept).</summary>
    public static List<CornerHint> Effective(IReadOnlyList<CornerHint> hints) =>
        [.. hints.GroupBy(h => (h.Level, h.Corner)).Select(g => g.Last())];

    /// <summary>Throws an <see cref="InvalidHintException"/> naming the first problem of <paramref name="hints"/>.</summary>
    /// <param name="hints">The hints as sent (a later hint on the same corner replaces an earlier one, as the refiner does).</param>
    /// <param name="levels">The levels the model finds.</param>
    /// <param name="frame">The image's size.</param>
    public static void Check(IReadOnlyList<CornerHint> hints, IReadOnlyList<VertebraLevel> levels, InputFrame frame)
    {
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var hint in hints)
        {
            if (!levels.Contains(hint.Level))
            {
                throw new InvalidHintException($"The model finds {VertebraLevels.Name(levels[0])}..{VertebraLevels.Name(levels[^1])}; a correction on {VertebraLevels.Name(hint.Level)} cannot be applied.");
            }

            // A corner far outside the image is a client bug, not a correction; a little outside is allowed (edge vertebrae).
            if (!double.IsFinite(hint.X) || !double.IsFinite(hint.Y)
                || hint.X < -frame.OriginalWidth || hint.X > 2.0 * frame.OriginalWidth || hint.Y < -frame.OriginalHeight || hint.Y > 2.0 * frame.OriginalHeight)
            {
                throw new InvalidHintException($"The {Corners.Name(hint.Corner)} corner of {VertebraLevels.Name(hint.Level)} at ({hint.X:0.#}, {hint.Y:0.#}) is far outside the {frame.OriginalWidth} x {frame.OriginalHeight} image.");
            }
        }

        foreach (var vertebra in Effective(hints).GroupBy(h => h.Level))
        {
            CheckVertebra(vertebra.Key, vertebra.ToList());
        }
    }

    private static void CheckVertebra(VertebraLevel level, List<CornerHint> corners)
    {
        for (var i = 0; i < corners.Count; i++)
        {
            for (var j = i + 1; j < corners.Count; j++)
            {
                if (Math.Abs(corners[i].X - corners[j].X) < MinCornerSeparation && Math.Abs(corners[i].Y - corners[j].Y) < MinCornerSeparation)
                {
                    throw new InvalidHintException($"The {Corners.Name(corners[i].Corner)} and {Corners.Name(corners[j].Corner)} corners of {VertebraLevels.Name(level)} coincide; a vertebra's corners must be distinct points.");
                }
            }
        }

        if (corners.Count >= 3 && Area(corners) < MinArea)
        {
            throw new InvalidHintException($"The corners of {VertebraLevels.Name(level)} lie on a line: the vertebra would have no area.");
        }
    }

    // Shoelace area of the hinted corners taken around the body (tl, tr, br, bl), whichever of them are present.
    private static double Area(List<CornerHint> corners)
    {
        var ring = corners.OrderBy(c => c.Corner switch { Corner.TopLeft => 0, Corner.TopRight => 1, Corner.BottomRight => 2, _ => 3 }).ToList();
        var twice = 0.0;
        for (var i = 0; i < ring.Count; i++)
        {
            var (a, b) = (ring[i], ring[(i + 1) % ring.Count]);
            twice += (a.X * b.Y) - (b.X * a.Y);
        }

        return Math.Abs(twice) / 2;
    }
}
