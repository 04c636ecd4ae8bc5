using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy;

/// <summary>
/// One vertebral body: its level, its corners in image pixels and how sure the producer was. S1 (and any
/// vertebra created by <see cref="UpperEndplateOnly"/>) carries only its two upper corners.
/// </summary>
public sealed class Vertebra
{
    private readonly Point2 _bottomLeft;
    private readonly Point2 _bottomRight;

    /// <summary>Creates a vertebra with all four corners.</summary>
    /// <param name="level">The anatomical level.</param>
    /// <param name="topLeft">Upper endplate, image left.</param>
    /// <param name="topRight">Upper endplate, image right.</param>
    /// <param name="bottomLeft">Lower endplate, image left.</param>
    /// <param name="bottomRight">Lower endplate, image right.</param>
    /// <param name="confidence">The producer's confidence in [0, 1]; 1 for manual labels.</param>
    public Vertebra(VertebraLevel level, Point2 topLeft, Point2 topRight, Point2 bottomLeft, Point2 bottomRight, double confidence = 1)
        : this(level, topLeft, topRight, bottomLeft, bottomRight, hasLowerEndplate: true, confidence)
    {
    }

    private Vertebra(VertebraLevel level, Point2 topLeft, Point2 topRight, Point2 bottomLeft, Point2 bottomRight, bool hasLowerEndplate, double confidence)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Not a vertebral level.");
        }

        if (!(confidence >= 0 && confidence <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must lie in [0, 1].");
        }

        Level = level;
        TopLeft = topLeft;
        TopRight = topRight;
        _bottomLeft = bottomLeft;
        _bottomRight = bottomRight;
        HasLowerEndplate = hasLowerEndplate;
        Confidence = confidence;
    }

    /// <summary>Creates a vertebra of which only the upper endplate is labelled (the usual case for S1).</summary>
    public static Vertebra UpperEndplateOnly(VertebraLevel level, Point2 topLeft, Point2 topRight, double confidence = 1) =>
        new(level, topLeft, topRight, default, default, hasLowerEndplate: false, confidence);

    /// <summary>Creates a vertebra from its corners in the challenge order (tl, tr, bl, br), or two corners (tl, tr).</summary>
    public static Vertebra FromCorners(VertebraLevel level, ReadOnlySpan<Point2> corners, double confidence = 1) => corners.Length switch
    {
        4 => new Vertebra(level, corners[0], corners[1], corners[2], corners[3], confidence),
        2 => UpperEndplateOnly(level, corners[0], corners[1], confidence),
        _ => throw new ArgumentException($"A vertebra has 4 corners (or 2 for an upper endplate only), not {corners.Length}.", nameof(corners)),
    };

    /// <summary>The anatomical level.</summary>
    public VertebraLevel Level { get; }

    /// <summary>Upper endplate, image left.</summary>
    public Point2 TopLeft { get; }

    /// <summary>Upper endplate, image right.</summary>
    public Point2 TopRight { get; }

    /// <summary>False when only the upper endplate is known; then the bottom corners must not be read.</summary>
    public bool HasLowerEndplate { get; }

    /// <summary>Lower endplate, image left.</summary>
    public Point2 BottomLeft => HasLowerEndplate ? _bottomLeft : throw MissingLowerEndplate();

    /// <summary>Lower endplate, image right.</summary>
    public Point2 BottomRight => HasLowerEndplate ? _bottomRight : throw MissingLowerEndplate();

    /// <summary>The producer's confidence in [0, 1].</summary>
    public double Confidence { get; }

    /// <summary>The corners that exist, in the challenge order (tl, tr, bl, br).</summary>
    public IReadOnlyList<Corner> PresentCorners => HasLowerEndplate ? Corners.All : [Corner.TopLeft, Corner.TopRight];

    /// <summary>The position of one corner.</summary>
    public Point2 this[Corner corner] => corner switch
    {
        Corner.TopLeft => TopLeft,
        Corner.TopRight => TopRight,
        Corner.BottomLeft => BottomLeft,
        Corner.BottomRight => BottomRight,
        _ => throw new ArgumentOutOfRangeException(nameof(corner), corner, "Not a corner."),
    };

    /// <summary>Midpoint of the upper endplate.</summary>
    public Point2 UpperEndplateMidpoint => Point2.Midpoint(TopLeft, TopRight);

    /// <summary>Midpoint of the lower endplate.</summary>
    public Point2 LowerEndplateMidpoint => Point2.Midpoint(BottomLeft, BottomRight);

    /// <summary>The body's centre: mean of the four corners, or the upper endplate midpoint when that is all there is.</summary>
    public Point2 Center => HasLowerEndplate
        ? new Point2((TopLeft.X + TopRight.X + _bottomLeft.X + _bottomRight.X) / 4, (TopLeft.Y + TopRight.Y + _bottomLeft.Y + _bottomRight.Y) / 4)
        : UpperEndplateMidpoint;

    /// <summary>Mean endplate length in pixels (the upper endplate alone when the lower one is missing).</summary>
    public double Width => HasLowerEndplate
        ? (Point2.Distance(TopLeft, TopRight) + Point2.Distance(_bottomLeft, _bottomRight)) / 2
        : Point2.Distance(TopLeft, TopRight);

    /// <summary>Mean length of the left and right walls in pixels; 0 when the lower endplate is missing.</summary>
    public double Height => HasLowerEndplate
        ? (Point2.Distance(TopLeft, _bottomLeft) + Point2.Distance(TopRight, _bottomRight)) / 2
        : 0;

    /// <summary>A copy with another level.</summary>
    public Vertebra WithLevel(VertebraLevel level) =>
        new(level, TopLeft, TopRight, _bottomLeft, _bottomRight, HasLowerEndplate, Confidence);

    /// <summary>A copy with the corners replaced (same count as this one) in the challenge order.</summary>
    public Vertebra WithCorners(ReadOnlySpan<Point2> corners)
    {
        if (corners.Length != PresentCorners.Count)
        {
            throw new ArgumentException($"Expected {PresentCorners.Count} corners, got {corners.Length}.", nameof(corners));
        }

        return FromCorners(Level, corners, Confidence);
    }

    /// <summary>The corners that exist, in the challenge order.</summary>
    public Point2[] CornerArray() =>
        HasLowerEndplate ? [TopLeft, TopRight, _bottomLeft, _bottomRight] : [TopLeft, TopRight];

    /// <inheritdoc />
    public override string ToString() => $"{Level} tl{TopLeft} tr{TopRight}" + (HasLowerEndplate ? $" bl{_bottomLeft} br{_bottomRight}" : string.Empty);

    private InvalidOperationException MissingLowerEndplate() =>
        new($"Vertebra {Level} has only its upper endplate labelled.");
}
