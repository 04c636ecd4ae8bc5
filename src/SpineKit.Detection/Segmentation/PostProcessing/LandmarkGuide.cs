using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>
/// Restricts a body mask to where the landmark pipeline found the vertebral bodies T1..L5: a pixel is kept
/// when its centre lies in one of the predicted corner quadrilaterals grown by the margins; with
/// <see cref="CutGaps"/> the inter-vertebral gap between two adjacent predicted vertebrae (lower endplate of
/// the upper one to upper endplate of the lower one, widened by the lateral margin) is removed again, except
/// where a predicted body itself lies (bodies win over gaps, as in the training targets). Margins are
/// fractions of each vertebra's own width (added left and right along its endplates) and height (added above
/// and below along its walls), so they scale with the film and the patient. With <see cref="InteriorInset"/> the
/// inside of each predicted quadrilateral (inset by that fraction of the width and height on every side) is body
/// whatever the vote says: the vote then decides only in the band around the predicted outline (an inset of 0 makes
/// the mask the filled predicted quadrilaterals, the vote deciding only in the margins).
/// Why: the vote sees the whole film at 256x512 and draws bodies into the discs and beside the spine; the
/// landmark stages see the spine at full resolution and place the endplates more precisely.
/// </summary>
/// <param name="LateralMargin">Added on each side, as a fraction of the vertebra's width (0 keeps the quadrilateral's sides).</param>
/// <param name="VerticalMargin">Added above and below, as a fraction of the vertebra's height.</param>
/// <param name="CutGaps">Remove the predicted gaps between adjacent vertebrae.</param>
/// <param name="InteriorInset">Inset (fraction of width and height per side, below 0.5) of the region that is body whatever the vote says; null: the vote decides everywhere.</param>
public sealed record LandmarkGuide(double LateralMargin, double VerticalMargin, bool CutGaps, double? InteriorInset = null)
{
    /// <summary>Value of <see cref="Region"/> where the vote's mask is dropped.</summary>
    public const byte Dropped = 0;

    /// <summary>Value of <see cref="Region"/> where the vote's mask is kept as it is.</summary>
    public const byte VoteDecides = 1;

    /// <summary>Value of <see cref="Region"/> that is body whatever the vote says.</summary>
    public const byte Body = 2;

    /// <summary>
    /// The guide chosen on the first half of the validation split (<c>spinekit evaluate segmentation --half 1
    /// --guide-sweep</c>: the best of <see cref="SweepGrid"/>) and reported on the second half and the whole split in
    /// the model card: no margins and an inset of 0, i.e. the filled predicted quadrilaterals. Every margin and every
    /// larger inset scored lower (the vote adds more wrong pixels than right ones near the predicted outlines, and
    /// removes more true pixels than false ones inside them); the vote's mask still serves films without a spine found.
    /// </summary>
    public static LandmarkGuide Default { get; } = new(0, 0, CutGaps: false, InteriorInset: 0);

    /// <summary>
    /// The grid <c>evaluate segmentation --guide-sweep</c> scores: lateral margins 0 to 0.3 of the width, vertical
    /// margins 0 to 0.2 of the height, with and without cutting the gaps.
    /// </summary>
    public static IReadOnlyList<LandmarkGuide> SweepGrid { get; } =
        (from inset in new double?[] { null, 0.2, 0.1, 0.05, 0 }
         from cut in new[] { false, true }
         from vertical in new[] { 0, 0.05, 0.1, 0.2 }
         from lateral in new[] { 0, 0.05, 0.1, 0.2 }
         select new LandmarkGuide(lateral, vertical, cut, inset)).ToList();

    /// <summary>
    /// Whether <see cref="Region"/> leaves the vote no say: no margins and an inset of 0 make every pixel
    /// <see cref="Body"/> (inside a predicted quadrilateral) or <see cref="Dropped"/>, whatever <see cref="CutGaps"/>
    /// says, so <see cref="Apply"/> gives the same mask for every vote on a film with a vertebra to guide by, and the
    /// vote need not run there (<see cref="Inference.LandmarkGuidedSegmenter.VoteWhenDecided"/>).
    /// </summary>
    public bool DecidesEverything => LateralMargin == 0 && VerticalMargin == 0 && InteriorInset == 0;

    /// <summary>The first level the segmentation labels (the mask's bodies are T1..L5).</summary>
    public const VertebraLevel FirstLevel = VertebraLevel.T1;

    /// <summary>The last level the segmentation labels.</summary>
    public const VertebraLevel LastLevel = VertebraLevel.L5;

    /// <summary>The vertebrae of <paramref name="landmarks"/> that guide: T1..L5 with both endplates and finite corners.</summary>
    public static IReadOnlyList<Vertebra> GuideVertebrae(LandmarkSet? landmarks) =>
        landmarks?.Vertebrae
            .Where(v => v.Level is >= FirstLevel and <= LastLevel && v.HasLowerEndplate && v.CornerArray().All(p => p.IsFinite) && v.Width > 0 && v.Height > 0)
            .ToList() ?? [];

    /// <summary>Whether <paramref name="landmarks"/> holds any vertebra to guide by (when not, the mask stays as the vote drew it).</summary>
    public static bool CanGuide(LandmarkSet? landmarks) => GuideVertebrae(landmarks).Count > 0;

    /// <summary>
    /// What the guide does with each pixel in the frame of <paramref name="landmarks"/>: <see cref="Dropped"/>,
    /// <see cref="VoteDecides"/> or <see cref="Body"/>.
    /// </summary>
    public Image<byte> Region(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentOutOfRangeException.ThrowIfNegative(LateralMargin);
        ArgumentOutOfRangeException.ThrowIfNegative(VerticalMargin);
        if (InteriorInset is { } inset && !(inset is >= 0 and < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(InteriorInset), inset, "The interior inset lies in [0, 0.5).");
        }

        var vertebrae = GuideVertebrae(landmarks);
        var canvas = new Image<byte>(landmarks.Size.Width, landmarks.Size.Height, 3);
        var keep = new Rgb(VoteDecides, VoteDecides, VoteDecides);
        var drop = new Rgb(Dropped, Dropped, Dropped);
        foreach (var vertebra in vertebrae)
        {
            Draw.FillPolygon(canvas, Grown(vertebra, LateralMargin, VerticalMargin), keep);
        }

        if (CutGaps)
        {
            for (var i = 0; i + 1 < vertebrae.Count; i++)
            {
                if (VertebraLevels.AreAdjacent(vertebrae[i].Level, vertebrae[i + 1].Level))
                {
                    Draw.FillPolygon(canvas, Gap(vertebrae[i], vertebrae[i + 1], LateralMargin), drop);
                }
            }

            // Bodies win over gaps: where two predicted quadrilaterals overlap, the gap polygon covers body.
            foreach (var vertebra in vertebrae)
            {
                Draw.FillPolygon(canvas, Grown(vertebra, 0, 0), keep);
            }
        }

        if (InteriorInset is { } interior)
        {
            var body = new Rgb(Body, Body, Body);
            foreach (var vertebra in vertebrae)
            {
                Draw.FillPolygon(canvas, Grown(vertebra, -interior, -interior), body);
            }
        }

        var region = new Image<byte>(canvas.Width, canvas.Height);
        for (var i = 0; i < region.Pixels.Length; i++)
        {
            region.Pixels[i] = canvas.Pixels[i * 3];
        }

        return region;
    }

    /// <summary>
    /// <paramref name="mask"/> (non-zero foreground) guided by <see cref="Region"/> as a 0/255 mask; a copy of it
    /// unchanged when <paramref name="landmarks"/> holds no vertebra to guide by (see <see cref="CanGuide"/>).
    /// </summary>
    public Image<byte> Apply(Image<byte> mask, LandmarkSet? landmarks)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var result = new Image<byte>(mask.Width, mask.Height);
        if (landmarks is null || !CanGuide(landmarks))
        {
            for (var i = 0; i < mask.Pixels.Length; i++)
            {
                result.Pixels[i] = mask.Pixels[i] != 0 ? (byte)255 : (byte)0;
            }

            return result;
        }

        if (landmarks.Size.Width != mask.Width || landmarks.Size.Height != mask.Height)
        {
            throw new ArgumentException($"The landmarks belong to a {landmarks.Size.Width}x{landmarks.Size.Height} image, the mask is {mask.Width}x{mask.Height}.", nameof(landmarks));
        }

        var region = Region(landmarks);
        for (var i = 0; i < mask.Pixels.Length; i++)
        {
            var r = region.Pixels[i];
            result.Pixels[i] = r == Body || (r == VoteDecides && mask.Pixels[i] != 0) ? (byte)255 : (byte)0;
        }

        return result;
    }

    /// <summary>
    /// The vertebra's quadrilateral (tl, tr, br, bl) with every corner moved outward by <paramref name="lateral"/> of
    /// the width along the mean endplate direction and <paramref name="vertical"/> of the height along its normal
    /// (inward when negative).
    /// </summary>
    internal static Vector2[] Grown(Vertebra vertebra, double lateral, double vertical)
    {
        var across = Unit((vertebra.TopRight - vertebra.TopLeft) + (vertebra.BottomRight - vertebra.BottomLeft));

        // The normal pointing down the image (y grows downwards), whatever the endplates' tilt.
        var down = new Point2(-across.Y, across.X);
        if (Point2.Dot(down, vertebra.LowerEndplateMidpoint - vertebra.UpperEndplateMidpoint) < 0)
        {
            down = down * -1;
        }

        var side = across * (lateral * vertebra.Width);
        var lower = down * (vertical * vertebra.Height);
        return
        [
            ToVector(vertebra.TopLeft - side - lower),
            ToVector(vertebra.TopRight + side - lower),
            ToVector(vertebra.BottomRight + side + lower),
            ToVector(vertebra.BottomLeft - side + lower),
        ];
    }

    /// <summary>The gap quadrilateral (upper bl, upper br, lower tr, lower tl), each endplate lengthened by <paramref name="lateral"/> of itself at both ends.</summary>
    private static Vector2[] Gap(Vertebra upper, Vertebra lower, double lateral)
    {
        var (bl, br) = Lengthened(upper.BottomLeft, upper.BottomRight, lateral);
        var (tl, tr) = Lengthened(lower.TopLeft, lower.TopRight, lateral);
        return [ToVector(bl), ToVector(br), ToVector(tr), ToVector(tl)];
    }

    private static (Point2 Left, Point2 Right) Lengthened(Point2 left, Point2 right, double fraction)
    {
        var extension = (right - left) * fraction;
        return (left - extension, right + extension);
    }

    private static Point2 Unit(Point2 vector) => vector.Length > 0 ? vector * (1 / vector.Length) : new Point2(1, 0);

    private static Vector2 ToVector(Point2 point) => new((float)point.X, (float)point.Y);
}
