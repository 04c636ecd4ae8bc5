using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// What a standing AP film shows against the sacrum, when S1 is among the landmarks: the center sacral vertical
/// line (CSVL, the image vertical through the midpoint of S1's upper endplate), the Lenke lumbar modifier from
/// the lumbar vertebra farthest from it, the lumbosacral fractional curve (L4's upper endplate against S1's) and,
/// when C7 is there too, the coronal balance (C7's centre against the CSVL).
/// </summary>
/// <param name="CsvlX">The CSVL's x in image pixels.</param>
/// <param name="ApicalLumbar">The lumbar vertebra (T12-L5) whose centre lies farthest from the CSVL.</param>
/// <param name="Modifier">The Lenke lumbar modifier at that vertebra.</param>
/// <param name="FractionalCurveDegrees">The lumbosacral fractional curve: L4's upper endplate against S1's, degrees; null without L4.</param>
/// <param name="CoronalBalancePixels">C7's centre minus the CSVL in image pixels (positive: C7 to the image right); null without C7.</param>
public sealed record SacralAlignment(double CsvlX, VertebraLevel ApicalLumbar, LumbarModifier Modifier, double? FractionalCurveDegrees, double? CoronalBalancePixels)
{
    /// <summary>
    /// Where the pedicles' medial borders are assumed, as a fraction of the body's width in from each lateral edge.
    /// Corners do not show the pedicles; on AP films their medial borders lie roughly a quarter to a third of the way
    /// in, so this approximation decides between A and B near that border only.
    /// </summary>
    public const double PedicleInset = 0.3;

    /// <summary>
    /// The alignment of <paramref name="landmarks"/> (ordered top to bottom), or null when S1 or every lumbar
    /// vertebra (T12-L5 with both endplates) is missing.
    /// </summary>
    public static SacralAlignment? Of(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var sacrum = landmarks.Find(VertebraLevel.S1);
        var lumbar = landmarks.Vertebrae.Where(v => v.Level is >= VertebraLevel.T12 and <= VertebraLevel.L6 && v.HasLowerEndplate).ToList();
        if (sacrum is null || lumbar.Count == 0)
        {
            return null;
        }

        var csvl = sacrum.UpperEndplateMidpoint.X;
        var apical = lumbar.MaxBy(v => Math.Abs(v.Center.X - csvl))!;
        var l4 = landmarks.Find(VertebraLevel.L4);
        double? fractional = l4 is null ? null : Math.Abs(ClinicalCurves.Tilt(l4.TopLeft, l4.TopRight) - ClinicalCurves.Tilt(sacrum.TopLeft, sacrum.TopRight));
        double? balance = landmarks.Find(VertebraLevel.C7) is { HasLowerEndplate: true } c7 ? c7.Center.X - csvl : null;
        return new SacralAlignment(csvl, apical.Level, ModifierAt(apical, csvl), fractional, balance);
    }

    /// <summary>The modifier for a CSVL at <paramref name="csvlX"/> passing <paramref name="apical"/> at its mid-height.</summary>
    public static LumbarModifier ModifierAt(Vertebra apical, double csvlX)
    {
        ArgumentNullException.ThrowIfNull(apical);
        var y = apical.Center.Y;
        var left = XAt(apical.TopLeft, apical.BottomLeft, y);
        var right = XAt(apical.TopRight, apical.BottomRight, y);
        var width = right - left;
        if (csvlX < left || csvlX > right)
        {
            return LumbarModifier.C;
        }

        return csvlX >= left + (PedicleInset * width) && csvlX <= right - (PedicleInset * width) ? LumbarModifier.A : LumbarModifier.B;
    }

    /// <summary>The x of the line through <paramref name="a"/> and <paramref name="b"/> at height <paramref name="y"/>.</summary>
    private static double XAt(Point2 a, Point2 b, double y) =>
        Math.Abs(b.Y - a.Y) < 1e-9 ? (a.X + b.X) / 2 : a.X + ((b.X - a.X) * (y - a.Y) / (b.Y - a.Y));
}
