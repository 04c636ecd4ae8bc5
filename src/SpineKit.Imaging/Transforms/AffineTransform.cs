using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// A 2-D affine map in continuous pixel coordinates (<see cref="PixelGrid"/>), stored as the 3x2 matrix
/// <c>x' = M11 x + M12 y + Dx</c>, <c>y' = M21 x + M22 y + Dy</c> in double precision. The same value warps an
/// image (<see cref="AffineWarp"/>) and maps its points (<see cref="Apply(Vector2)"/>), so they cannot disagree.
/// </summary>
public readonly record struct AffineTransform(double M11, double M12, double Dx, double M21, double M22, double Dy)
{
    /// <summary>The map that leaves every point where it is.</summary>
    public static AffineTransform Identity { get; } = new(1, 0, 0, 0, 1, 0);

    /// <summary>The determinant of the linear part; zero means the map collapses the plane and cannot be inverted.</summary>
    public double Determinant => (M11 * M22) - (M12 * M21);

    /// <summary>Moves every point by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public static AffineTransform Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy);

    /// <summary>Scales by (<paramref name="sx"/>, <paramref name="sy"/>) about <paramref name="centre"/>.</summary>
    public static AffineTransform Scale(double sx, double sy, Vector2 centre = default) =>
        AboutCenter(new AffineTransform(sx, 0, 0, 0, sy, 0), centre);

    /// <summary>
    /// Rotates by <paramref name="degrees"/> about <paramref name="centre"/>; positive turns counter-clockwise as the
    /// image is displayed (y down), like OpenCV's <c>getRotationMatrix2D</c>. Multiples of 90 degrees are exact.
    /// </summary>
    public static AffineTransform Rotation(double degrees, Vector2 centre)
    {
        var (sin, cos) = ExactSinCos(degrees);
        return AboutCenter(new AffineTransform(cos, sin, 0, -sin, cos, 0), centre);
    }

    /// <summary>Shears about <paramref name="centre"/>: <c>x' = x + shearX * y</c>, <c>y' = y + shearY * x</c> (relative to the centre).</summary>
    public static AffineTransform Shear(double shearX, double shearY, Vector2 centre = default) =>
        AboutCenter(new AffineTransform(1, shearX, 0, shearY, 1, 0), centre);

    /// <summary>Mirrors left-right within an image <paramref name="width"/> pixels wide (x becomes width - x).</summary>
    public static AffineTransform FlipHorizontal(int width) => new(-1, 0, width, 0, 1, 0);

    /// <summary>Mirrors top-bottom within an image <paramref name="height"/> pixels tall (y becomes height - y).</summary>
    public static AffineTransform FlipVertical(int height) => new(1, 0, 0, 0, -1, height);

    /// <summary>Maps one point.</summary>
    public Vector2 Apply(Vector2 point) => new(
        (float)((M11 * point.X) + (M12 * point.Y) + Dx),
        (float)((M21 * point.X) + (M22 * point.Y) + Dy));

    /// <summary>Maps <paramref name="points"/> in place.</summary>
    public void Apply(Span<Vector2> points)
    {
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = Apply(points[i]);
        }
    }

    /// <summary>The map that applies this one first and then <paramref name="next"/>.</summary>
    public AffineTransform Then(AffineTransform next) => new(
        (next.M11 * M11) + (next.M12 * M21),
        (next.M11 * M12) + (next.M12 * M22),
        (next.M11 * Dx) + (next.M12 * Dy) + next.Dx,
        (next.M21 * M11) + (next.M22 * M21),
        (next.M21 * M12) + (next.M22 * M22),
        (next.M21 * Dx) + (next.M22 * Dy) + next.Dy);

    /// <summary>The inverse map.</summary>
    /// <exception cref="InvalidOperationException">The map is singular (determinant zero or not finite).</exception>
    public AffineTransform Invert()
    {
        var det = Determinant;
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException($"The affine transform {this} is singular and has no inverse.");
        }

        var a = M22 / det;
        var b = -M12 / det;
        var d = -M21 / det;
        var e = M11 / det;
        return new AffineTransform(a, b, -((a * Dx) + (b * Dy)), d, e, -((d * Dx) + (e * Dy)));
    }

    private static AffineTransform AboutCenter(AffineTransform linear, Vector2 centre) =>
        Translation(-centre.X, -centre.Y).Then(linear).Then(Translation(centre.X, centre.Y));

    private static (double Sin, double Cos) ExactSinCos(double degrees)
    {
        var turns = degrees / 90;
        if (turns == Math.Round(turns))
        {
            // Quarter turns snap to exact 0/+-1 so a 90-degree rotation is a pure index permutation.
            return (((long)turns % 4 + 4) % 4) switch
            {
                0 => (0, 1),
                1 => (1, 0),
                2 => (0, -1),
                _ => (-1, 0),
            };
        }

        return Math.SinCos(degrees * Math.PI / 180);
    }
}
