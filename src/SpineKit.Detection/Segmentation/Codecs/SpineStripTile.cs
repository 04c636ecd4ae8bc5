using System.Numerics;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Detection.Segmentation.Codecs;

/// <summary>
/// One tile of the spine strip (<see cref="SpineStrip"/>): a rectangle of whole pixels of the original film (it may
/// reach past the film's edges, which are then repeated) that the network sees stretched to its input size. In the
/// continuous pixel convention (<see cref="Imaging.Transforms.PixelGrid"/>) a point maps by an offset and a scale per
/// axis, and back exactly.
/// </summary>
/// <param name="Left">First column of the film in the tile.</param>
/// <param name="Top">First row of the film in the tile.</param>
/// <param name="Width">Columns in the tile.</param>
/// <param name="Height">Rows in the tile.</param>
public readonly record struct SpineStripTile(int Left, int Top, int Width, int Height)
{
    /// <summary>Original-film coordinates to network-input coordinates of a <paramref name="inputWidth"/> x <paramref name="inputHeight"/> input.</summary>
    public Vector2 ToInput(Point2 original, int inputWidth, int inputHeight) => new(
        (float)((original.X - Left) * inputWidth / Width),
        (float)((original.Y - Top) * inputHeight / Height));

    /// <summary>Network-input coordinates back to original-film coordinates.</summary>
    public Point2 ToOriginal(Vector2 input, int inputWidth, int inputHeight) => new(
        Left + ((double)input.X * Width / inputWidth),
        Top + ((double)input.Y * Height / inputHeight));
}
