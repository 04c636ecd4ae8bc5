using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// The one place that fixes how pixels sit in continuous coordinates, used by every transform and by drawing:
/// pixel (i, j) covers the square [i, i + 1) x [j, j + 1), so its centre is (i + 0.5, j + 0.5), x right, y down.
/// This is OpenCV's and PyTorch's <c>align_corners=False</c> convention; with it, resizing an image by a factor maps
/// a point by exactly that factor and the image borders (0 and width) map onto each other.
/// Points (<see cref="Vector2"/>) are always given in these continuous coordinates.
/// </summary>
public static class PixelGrid
{
    /// <summary>Offset from a pixel's integer index to its centre.</summary>
    public const float CenterOffset = 0.5f;

    /// <summary>The continuous coordinate of the centre of pixel <paramref name="index"/>.</summary>
    public static float CenterOf(int index) => index + CenterOffset;

    /// <summary>The continuous centre of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static Vector2 CenterOf(int x, int y) => new(x + CenterOffset, y + CenterOffset);

    /// <summary>
    /// The fractional sample index at continuous coordinate <paramref name="coordinate"/>, i.e. the position in
    /// units of "pixel centres" that interpolation weights are computed from (integer = exactly on a centre).
    /// </summary>
    public static double SampleIndexOf(double coordinate) => coordinate - CenterOffset;

    /// <summary>
    /// The source sample index that destination pixel <paramref name="destinationIndex"/> of a resize looks at, when
    /// one destination pixel spans <paramref name="sourcePerDestination"/> source pixels.
    /// </summary>
    public static double ResizeSourceIndex(int destinationIndex, double sourcePerDestination) =>
        SampleIndexOf(CenterOf(destinationIndex) * sourcePerDestination);
}
