namespace SpineKit.TestSupport;

/// <summary>
/// L1 to S1 of a lateral film 400 x 900 px facing the image's right, placed by hand, with its angles worked out by hand:
/// an endplate's inclination is atan2(anterior y - posterior y, |dx|), the anterior end on the right.
/// </summary>
internal static class HandMadeLateralSpine
{
    /// <summary>The film's width in pixels.</summary>
    public const int Width = 400;

    /// <summary>The film's height in pixels.</summary>
    public const int Height = 900;

    private const double Degrees = 180 / Math.PI;

    /// <summary>Each level's corners, tl, tr, bl, br, in pixels.</summary>
    public static readonly (string Level, (double X, double Y)[] Corners)[] Vertebrae =
    [
        ("L1", [(100, 100), (200, 80), (100, 180), (200, 170)]),
        ("L2", [(100, 200), (200, 195), (100, 280), (200, 280)]),
        ("L3", [(100, 300), (200, 300), (100, 380), (200, 385)]),
        ("L4", [(100, 400), (200, 405), (100, 480), (200, 490)]),
        ("L5", [(100, 500), (200, 510), (100, 600), (200, 630)]),
        ("S1", [(100, 640), (200, 700), (100, 760), (200, 800)]),
    ];

    /// <summary>L1's upper endplate: -11.31 degrees.</summary>
    public static readonly double L1Top = Math.Atan2(80 - 100, 100) * Degrees;

    /// <summary>L5's lower endplate: 16.70 degrees.</summary>
    public static readonly double L5Bottom = Math.Atan2(630 - 600, 100) * Degrees;

    /// <summary>S1's upper endplate, the sacral slope: 30.96 degrees.</summary>
    public static readonly double S1Top = Math.Atan2(700 - 640, 100) * Degrees;
}
