namespace SpineKit.Anatomy.Geometry;

/// <summary>The pixel dimensions of the radiograph a landmark set belongs to.</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Number of rows.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>True when both dimensions are positive.</summary>
    public bool IsValid => Width > 0 && Height > 0;

    /// <summary>True when <paramref name="point"/> lies inside the image rectangle (edges included).</summary>
    public bool Contains(Point2 point) =>
        point.X >= 0 && point.Y >= 0 && point.X <= Width && point.Y <= Height;
}
