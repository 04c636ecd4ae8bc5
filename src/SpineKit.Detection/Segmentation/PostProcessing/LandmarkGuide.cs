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
/// and below along its walls), so they scale with the film and the patient.
/// Why: the vote sees the whole film at 256x512 and draws bodies into the discs and beside the spine; the
/// landmark stages see the spine at full resolution and place the endplates more precisely.
/// </summary>
/// <param name="LateralMargin">Added on each side, as a fraction of the vertebra's width (0 keeps the quadrilateral's sides).</param>
/// <param name="VerticalMargin">Added above and below, as a fraction of the vertebra's height.</param>
/// <param name="CutGaps">Remove the predicted gaps between adjacent vertebrae.</param>
public sealed record LandmarkGuide(double LateralMargin, double VerticalMargin, bool CutGaps)
{
    /// <summary>
    /// The margins chosen on the first half of the validation split (<c>spinekit evaluate segmentation --half 1
    /// --guide-sweep</c>) and reported on the second half and the whole split in the model card.
    /// </summary>
    public static LandmarkGuide Default { get; } = new(0.10, 0.05, CutGaps: true);

    /// <summary>
    /// The grid <c>evaluate segmentation --guide-sweep</c> scores: lateral margins 0 to 0.3 of the width, vertical
    /// margins 0 to 0.2 of the height, with and without cutting the gaps.
    /// </summary>
    public static IReadOnlyList<LandmarkGuide> SweepGrid { get; } =
        (from cut in new[] { false, true }
         from vertical in new[] { 0, 0.05, 0.1, 0.2 }
         from lateral in new[] { 0, 0.05, 0.1, 0.15, 0.2, 0.3 }
         select new LandmarkGuide(lateral, vertical, cut)).ToList();

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

    /// <summary>The region the guide keeps (255 kept, 0 dropped) in the pixel frame of <paramref name="landmarks"/>.</summary>
    public Image<byte> Region(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentOutOfRangeException.ThrowIfNegative(LateralMargin);
        ArgumentOutOfRangeException.ThrowIfNegative(VerticalMargin);
        var vertebrae = GuideVertebrae(landmarks);
        var canvas = new Image<byte>(landmarks.Size.Width, landmarks.Size.Height, 3);
        var keep = new Rgb(255, 255, 255);
        var drop = new Rgb(0, 0, 0);
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

        var region = new Image<byte>(canvas.Width, canvas.Height);
        for (var i = 0; i < region.Pixels.Length; i++)
        {
            region.Pixels[i] = canvas.Pixels[i * 3];
        }

        return region;
    }

    /// <summary>
    /// <paramref name="mask"/> (non-zero foreground) restricted to <see cref="Region"/> as a 0/255 mask; a copy of it
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
            result.Pixels[i] = mask.Pixels[i] != 0 && region.Pixels[i] != 0 ? (byte)255 : (byte)0;
        }

        return result;
    }

    /// <summary>
    /// The vertebra's quadrilateral (tl, tr, br, bl) with every corner moved outward by <paramref name="lateral"/> of
    /// the width along the mean endplate direction and <paramref name="vertical"/> of the height along its normal.
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
