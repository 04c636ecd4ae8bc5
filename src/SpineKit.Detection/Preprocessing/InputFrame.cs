using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Detection.Preprocessing;

/// <summary>
/// How an original radiograph maps onto the network input: the whole image is stretched to the input
/// size, so a point scales by <c>input / original</c> on each axis (continuous pixel coordinates, x right,
/// y down, pixel <c>i</c> covering <c>[i, i + 1)</c>).
/// </summary>
/// <param name="OriginalWidth">Radiograph width in pixels.</param>
/// <param name="OriginalHeight">Radiograph height in pixels.</param>
/// <param name="InputWidth">Network input width.</param>
/// <param name="InputHeight">Network input height.</param>
public readonly record struct InputFrame(int OriginalWidth, int OriginalHeight, int InputWidth, int InputHeight)
{
    /// <summary>Original pixels to network-input pixels.</summary>
    public Vector2 ToInput(Point2 original) => new(
        (float)(original.X * InputWidth / OriginalWidth),
        (float)(original.Y * InputHeight / OriginalHeight));

    /// <summary>Network-input pixels to original pixels.</summary>
    public Point2 ToOriginal(Vector2 input) => new(
        (double)input.X * OriginalWidth / InputWidth,
        (double)input.Y * OriginalHeight / InputHeight);
}
