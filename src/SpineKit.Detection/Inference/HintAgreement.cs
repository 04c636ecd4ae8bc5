using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Whether a re-prediction took the user's corners. A placed corner is kept exactly, but the corner model predicts its
/// body's other three corners itself; where it did not follow the click (the film is too faint there, or it took the
/// body for another one) those three stay on some other body and the corrected vertebra becomes a crossed, stretched
/// shape, usually with the chain around it renamed. Measured as the distance between each placed corner and where its
/// body's other three corners put it (the fourth corner of their parallelogram), in the body's mean side length.
/// </summary>
internal static class HintAgreement
{
    /// <summary>
    /// A placed corner farther than this many mean sides from where its body's other corners put it was not taken. On the
    /// AASCE validation and training films corrections that went well stayed below it (the largest 0.9); the ones above
    /// it were the re-predictions that scattered the chain.
    /// </summary>
    public const double Limit = 1.0;

    /// <summary>
    /// How many fallbacks in a row one click may take. Each predicts the result for the hints before the newest again
    /// (which may fall back in its turn), so the cost of a click stays bounded even for a list of hints the corner model
    /// never takes; a cap that bound on ordinary films would make a click fall back to a result other than the one shown
    /// before it (with a cap of 2, a training film whose second and fourth clicks were not taken ended 168 px off
    /// instead of 31 uncapped). Eight bounds a click at eight more predictions of earlier hints, each a network and a
    /// refiner pass.
    /// </summary>
    public const int MaximumFallbacks = 8;

    /// <summary>
    /// The largest disagreement of any of <paramref name="hints"/> with its body in <paramref name="landmarks"/>, in mean
    /// sides: infinite where a hinted level is missing (the click was lost), 0 without hints. Bodies without a lower
    /// endplate (two corners) are not judged.
    /// </summary>
    public static double Worst(LandmarkSet landmarks, IReadOnlyList<CornerHint> hints)
    {
        double worst = 0;
        foreach (var hint in hints)
        {
            var found = landmarks.Find(hint.Level);
            if (found is null)
            {
                return double.PositiveInfinity;
            }

            if (found is not { HasLowerEndplate: true } body)
            {
                continue;
            }

            // The corners beside the placed one and the one opposite it: the placed corner "should" be beside + beside - opposite.
            var (first, second, opposite) = hint.Corner switch
            {
                Corner.TopLeft => (Corner.TopRight, Corner.BottomLeft, Corner.BottomRight),
                Corner.TopRight => (Corner.TopLeft, Corner.BottomRight, Corner.BottomLeft),
                Corner.BottomLeft => (Corner.TopLeft, Corner.BottomRight, Corner.TopRight),
                Corner.BottomRight => (Corner.TopRight, Corner.BottomLeft, Corner.TopLeft),
                _ => throw new ArgumentOutOfRangeException(nameof(hints), hint.Corner, "not a corner"),
            };
            var expected = body[first] + (body[second] - body[opposite]);
            var meanSide = (Point2.Distance(body[first], body[opposite]) + Point2.Distance(body[second], body[opposite])) / 2;
            worst = Math.Max(worst, Point2.Distance(expected, new Point2(hint.X, hint.Y)) / Math.Max(meanSide, 1));
        }

        return worst;
    }

    /// <summary>
    /// The hints other than those on <paramref name="newest"/>'s corner, in the order given: what the result is predicted
    /// for when the newest hint is not taken (a hint the newest one replaced does not come back).
    /// </summary>
    public static List<CornerHint> Others(IReadOnlyList<CornerHint> hints, CornerHint newest) =>
        [.. hints.Where(h => h.Level != newest.Level || h.Corner != newest.Corner)];

    /// <summary>
    /// <paramref name="landmarks"/> with the body at <paramref name="hint"/>'s level moved whole so the hinted corner lands
    /// where the user put it, then each of <paramref name="bodyHints"/> (the user's corners on that body) set exactly:
    /// the body as it was, where the user says it is. Unchanged when that level or corner is not found.
    /// </summary>
    public static LandmarkSet MoveBody(LandmarkSet landmarks, CornerHint hint, IReadOnlyList<CornerHint> bodyHints)
    {
        if (landmarks.Find(hint.Level) is not { } body || !body.PresentCorners.Contains(hint.Corner))
        {
            return landmarks;
        }

        var shift = new Point2(hint.X, hint.Y) - body[hint.Corner];
        var corners = body.CornerArray();
        for (var i = 0; i < corners.Length; i++)
        {
            corners[i] += shift;
        }

        foreach (var placed in bodyHints.Where(h => h.Level == hint.Level && body.PresentCorners.Contains(h.Corner)))
        {
            corners[(int)placed.Corner] = new Point2(placed.X, placed.Y);
        }

        return LocalCorrection.Merge(landmarks, landmarks.WithVertebrae([body.WithCorners(corners)]));
    }
}
