using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// Where a refinement crop sits on the film: the vertebra's centre, the direction of its left-to-right axis and
/// the side of the square crop, all in original pixels. The crop is turned so the vertebra's axis is horizontal,
/// which leaves the network only the residual tilt to learn.
/// </summary>
/// <param name="CenterX">Center x in original pixels.</param>
/// <param name="CenterY">Center y in original pixels.</param>
/// <param name="Angle">Direction of the left-to-right axis in radians (0: horizontal, positive: the right side lower, y being down).</param>
/// <param name="Side">Side of the square crop in original pixels.</param>
internal readonly record struct VertebraFrame(double CenterX, double CenterY, double Angle, double Side)
{
    /// <summary>
    /// The frame of a quadrilateral (tl, tr, bl, br): centre at the mean corner, axis from the left side's
    /// midpoint to the right side's, side <paramref name="context"/> times the larger of its width and height.
    /// </summary>
    public static VertebraFrame FromCorners(ReadOnlySpan<Point2> corners, double context)
    {
        if (corners.Length != 4)
        {
            throw new ArgumentException("A vertebra frame needs its four corners (tl, tr, bl, br).", nameof(corners));
        }

        var left = Point2.Midpoint(corners[0], corners[2]);
        var right = Point2.Midpoint(corners[1], corners[3]);
        var top = Point2.Midpoint(corners[0], corners[1]);
        var bottom = Point2.Midpoint(corners[2], corners[3]);
        var width = Math.Sqrt(Square(right.X - left.X) + Square(right.Y - left.Y));
        var height = Math.Sqrt(Square(bottom.X - top.X) + Square(bottom.Y - top.Y));
        var centreX = (corners[0].X + corners[1].X + corners[2].X + corners[3].X) / 4;
        var centreY = (corners[0].Y + corners[1].Y + corners[2].Y + corners[3].Y) / 4;
        var angle = width > 0 ? Math.Atan2(right.Y - left.Y, right.X - left.X) : 0;
        return new VertebraFrame(centreX, centreY, angle, Math.Max(1, context * Math.Max(width, height)));
    }

    /// <summary>The map from original pixels to the pixels of a <paramref name="cropSize"/>-square crop of this frame.</summary>
    public AffineTransform ToCrop(int cropSize)
    {
        var scale = cropSize / Side;
        var (sin, cos) = Math.SinCos(Angle);
        double m11 = scale * cos, m12 = scale * sin, m21 = -scale * sin, m22 = scale * cos;
        var half = cropSize / 2.0;
        return new AffineTransform(m11, m12, half - ((m11 * CenterX) + (m12 * CenterY)), m21, m22, half - ((m21 * CenterX) + (m22 * CenterY)));
    }

    /// <summary>
    /// This frame moved by an error expressed the way <see cref="FrameError"/> measures it: a shift in units of
    /// the side along and across the axis, a factor on the side and a turn.
    /// </summary>
    public VertebraFrame Perturb(FrameError error)
    {
        var (sin, cos) = Math.SinCos(Angle);
        var along = error.Along * Side;
        var across = error.Across * Side;
        return new VertebraFrame(CenterX + (along * cos) - (across * sin), CenterY + (along * sin) + (across * cos), Angle + error.Turn, Side * Math.Exp(error.LogScale));
    }

    /// <summary>The error of <paramref name="estimate"/> relative to this (true) frame, in the terms of <see cref="Perturb"/>.</summary>
    public FrameError ErrorOf(VertebraFrame estimate)
    {
        var (sin, cos) = Math.SinCos(Angle);
        double dx = estimate.CenterX - CenterX, dy = estimate.CenterY - CenterY;
        var turn = Math.IEEERemainder(estimate.Angle - Angle, 2 * Math.PI);
        return new FrameError(((dx * cos) + (dy * sin)) / Side, ((-dx * sin) + (dy * cos)) / Side, Math.Log(estimate.Side / Side), turn);
    }

    private static double Square(double value) => value * value;
}
