using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Metrics;

/// <summary>A predicted corner matched with its true position, with the true vertebra's size for normalising.</summary>
/// <param name="Level">The vertebra's level.</param>
/// <param name="Corner">Which corner.</param>
/// <param name="Predicted">The predicted position in pixels.</param>
/// <param name="Truth">The true position in pixels.</param>
/// <param name="VertebraWidth">The true vertebra's mean endplate length in pixels.</param>
/// <param name="VertebraHeight">The true vertebra's mean wall length in pixels (0 when only its upper endplate is known).</param>
public readonly record struct CornerPair(VertebraLevel Level, Corner Corner, Point2 Predicted, Point2 Truth, double VertebraWidth, double VertebraHeight)
{
    /// <summary>The radial (Euclidean) error in pixels.</summary>
    public double RadialError => Point2.Distance(Predicted, Truth);

    /// <summary>
    /// Pairs every true corner with the predicted corner of the same level and name. True vertebrae the
    /// prediction lacks, and corners only one side has, are left out.
    /// </summary>
    public static IReadOnlyList<CornerPair> Match(LandmarkSet predicted, LandmarkSet truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        var pairs = new List<CornerPair>();
        foreach (var real in truth.Vertebrae)
        {
            if (predicted.Find(real.Level) is not { } guess)
            {
                continue;
            }

            foreach (var corner in real.PresentCorners)
            {
                if (corner is Corner.BottomLeft or Corner.BottomRight && !guess.HasLowerEndplate)
                {
                    continue;
                }

                pairs.Add(new CornerPair(real.Level, corner, guess[corner], real[corner], real.Width, real.Height));
            }
        }

        return pairs;
    }
}
