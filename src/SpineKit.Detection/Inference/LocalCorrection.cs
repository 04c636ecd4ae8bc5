using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Keeps a small correction local. Re-predicting with a hint can move the whole chain by a level (the corner model
/// takes the corrected body for its neighbour and renames everything after it); that is what a click should do when
/// it moves a corner by a body or more (the automatic names were a level off), but not when every click moves its
/// corner by less than a body: then the bodies far from the clicks keep their automatic place, and only the clicked
/// bodies take the re-prediction.
/// </summary>
internal static class LocalCorrection
{
    /// <summary>Bodies more than this many levels from every clicked level count as far from the clicks.</summary>
    public const int NearLevels = 1;

    /// <summary>
    /// A click moving its corner by less than this many body spacings is a local correction; a far chain that
    /// moved by more than <see cref="FarShift"/> spacings after it is put back.
    /// </summary>
    public const double LocalClick = 1.0;

    /// <summary>The median move of the far bodies, in body spacings, that counts as the chain having shifted.</summary>
    public const double FarShift = 0.5;

    /// <summary>
    /// Whether the re-prediction <paramref name="found"/> shifted the chain far from the clicks although every one of
    /// <paramref name="hints"/> moved its corner of the <paramref name="shown"/> result by less than a body: then only
    /// the clicked bodies should take the re-prediction. The far bodies are compared before the refiner on both sides
    /// (<paramref name="shownBeforeRefiner"/> against <paramref name="found"/>), so the refiner's own moves do not count.
    /// </summary>
    public static bool Applies(LandmarkSet shown, LandmarkSet shownBeforeRefiner, LandmarkSet found, IReadOnlyList<CornerHint> hints)
    {
        var spacing = MedianSpacing(shown);
        if (hints.Count == 0 || !(spacing > 0))
        {
            return false;
        }

        foreach (var hint in hints)
        {
            // A clicked level the re-prediction lacks would lose the user's corner: the whole re-prediction stands.
            if (shown.Find(hint.Level) is not { } before || !before.PresentCorners.Contains(hint.Corner) || found.Find(hint.Level) is null
                || Point2.Distance(before[hint.Corner], new Point2(hint.X, hint.Y)) >= LocalClick * spacing)
            {
                return false;
            }
        }

        var clicked = hints.Select(h => (int)h.Level).ToHashSet();
        var moves = shownBeforeRefiner.Vertebrae
            .Where(v => clicked.All(level => Math.Abs((int)v.Level - level) > NearLevels))
            .Select(v => found.Find(v.Level) is { } after ? Point2.Distance(after.Center, v.Center) / spacing : (double?)null)
            .OfType<double>()
            .ToList();
        return moves.Count >= 3 && Statistics.Median(moves) > FarShift;
    }

    /// <summary><paramref name="landmarks"/> with each body that <paramref name="replacements"/> has at the same level replaced by it.</summary>
    public static LandmarkSet Merge(LandmarkSet landmarks, LandmarkSet replacements) =>
        landmarks.WithVertebrae(landmarks.Vertebrae.Select(v => replacements.Find(v.Level) ?? v));

    private static double MedianSpacing(LandmarkSet landmarks) =>
        landmarks.Vertebrae.Count < 2 ? 0 : Statistics.Median(ChainSteps.Lengths(landmarks.Vertebrae));
}
