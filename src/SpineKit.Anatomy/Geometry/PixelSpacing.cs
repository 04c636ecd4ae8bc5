namespace SpineKit.Anatomy.Geometry;

/// <summary>Physical size of one pixel, as DICOM's Pixel Spacing states it (row spacing first).</summary>
/// <param name="RowMillimetres">Distance between the centres of adjacent rows (the y step).</param>
/// <param name="ColumnMillimetres">Distance between the centres of adjacent columns (the x step).</param>
public readonly record struct PixelSpacing(double RowMillimetres, double ColumnMillimetres)
{
    /// <summary>True when both spacings are finite and positive.</summary>
    public bool IsValid =>
        double.IsFinite(RowMillimetres) && double.IsFinite(ColumnMillimetres) && RowMillimetres > 0 && ColumnMillimetres > 0;

    /// <summary>The physical length of a pixel-space displacement.</summary>
    public double ToMillimetres(Point2 displacement) =>
        Math.Sqrt(Square(displacement.X * ColumnMillimetres) + Square(displacement.Y * RowMillimetres));

    private static double Square(double value) => value * value;
}
