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

    /// <summary>The largest disagreement of any of <paramref name="hints"/> with its body in <paramref name="landmarks"/>, in mean sides (0 when none is found).</summary>
    public static double Worst(LandmarkSet landmarks, IReadOnlyList<CornerHint> hints)
    {
        double worst = 0;
        foreach (var hint in hints)
        {
            if (landmarks.Find(hint.Level) is not { HasLowerEndplate: true } body)
            {
                continue;
            }

            // The corners beside the placed one and the one opposite it: the placed corner "should" be beside + beside - opposite.
            var (first, second, opposite) = hint.Corner switch
            {
                Corner.TopLeft => (Corner.TopRight, Corner.BottomLeft, Corner.BottomRight),
                Corner.TopRight => (Corner.TopLeft, Corner.BottomRight, Corner.BottomLeft),
                Corner.BottomLeft => (Corner.TopLeft, Corner.BottomRight, Corner.TopRight),
                _ => (Corner.TopRight, Corner.BottomLeft, Corner.TopLeft),
            };
            var expected = body[first] + (body[second] - body[opposite]);
            var meanSide = (Point2.Distance(body[first], body[opposite]) + Point2.Distance(body[second], body[opposite])) / 2;
            worst = Math.Max(worst, Point2.Distance(expected, new Point2(hint.X, hint.Y)) / Math.Max(meanSide, 1));
        }

        return worst;
    }

    /// <summary>
    /// <paramref name="landmarks"/> with the body at <paramref name="hint"/>'s level moved whole, so the hinted corner lands
    /// where the user put it (unchanged when that level is not found): the body as it was, where the user says it is.
    /// </summary>
    public static LandmarkSet MoveBody(LandmarkSet landmarks, CornerHint hint)
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

        return LocalCorrection.Merge(landmarks, landmarks.WithVertebrae([body.WithCorners(corners)]));
    }
}
