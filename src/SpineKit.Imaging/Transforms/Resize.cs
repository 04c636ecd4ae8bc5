using System.Numerics;
using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Resizes float images separably (one horizontal and one vertical pass with precomputed weights; the vertical
/// pass goes first when the height shrinks, as that is cheaper, otherwise the horizontal one) and maps
/// points the same way. Under the <see cref="PixelGrid"/> convention a point simply scales by
/// <c>destination / source</c> on each axis, i.e. a resize is <see cref="AffineTransform.Scale"/> about the origin
/// and can be folded into an <see cref="AffineWarp"/>.
/// </summary>
public static class Resize
{
    /// <summary>Keys' cubic coefficient used unless told otherwise; reproduces quadratics exactly (Pillow).</summary>
    public const double DefaultBicubicCoefficient = -0.5;

    /// <summary>OpenCV's <c>INTER_CUBIC</c> coefficient, for results that match OpenCV.</summary>
    public const double OpenCvBicubicCoefficient = -0.75;

    /// <summary>
    /// Resamples <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/>, all channels alike.
    /// </summary>
    /// <param name="source">Any number of channels.</param>
    /// <param name="width">Destination width, at least 1.</param>
    /// <param name="height">Destination height, at least 1.</param>
    /// <param name="mode">The resampling filter.</param>
    /// <param name="bicubicCoefficient">Keys' <c>a</c> for <see cref="ResizeMode.Bicubic"/> (between -1 and 0).</param>
    public static Image<float> Apply(Image<float> source, int width, int height, ResizeMode mode, double bicubicCoefficient = DefaultBicubicCoefficient)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bicubicCoefficient, -1.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bicubicCoefficient, 0.0);
        if (height < source.Height)
        {
            return VerticalFirst(source.Pixels, source.Width * source.Channels, source.Width, source.Height, source.Channels, width, height, mode, bicubicCoefficient);
        }

        var result = new Image<float>(width, height, source.Channels, Buffer((long)width * height * source.Channels));
        var horizontal = ResampleWeights.Create(source.Width, width, mode, bicubicCoefficient);
        var vertical = ResampleWeights.Create(source.Height, height, mode, bicubicCoefficient);
        var intermediate = Buffer((long)source.Height * width * source.Channels);
        Resampler.Horizontal(source.Pixels, source.Height, source.Channels, horizontal, intermediate);
        Resampler.Vertical(intermediate, width * source.Channels, vertical, result.Pixels);
        return result;
    }

    /// <summary>
    /// Resamples the rectangle of <paramref name="source"/> at (<paramref name="left"/>, <paramref name="top"/>) of
    /// <paramref name="regionWidth"/> x <paramref name="regionHeight"/> pixels to <paramref name="width"/> x
    /// <paramref name="height"/>: the same result, bit for bit, as cutting the rectangle out and resizing the cut, but
    /// when the height shrinks the rectangle is read in place (a full-spine film's region is tens of megabytes).
    /// </summary>
    /// <param name="source">Any number of channels.</param>
    /// <param name="left">First column of the rectangle.</param>
    /// <param name="top">First row of the rectangle.</param>
    /// <param name="regionWidth">Columns of the rectangle, at least 1; it must lie inside the image.</param>
    /// <param name="regionHeight">Rows of the rectangle, at least 1; it must lie inside the image.</param>
    /// <param name="width">Destination width, at least 1.</param>
    /// <param name="height">Destination height, at least 1.</param>
    /// <param name="mode">The resampling filter.</param>
    /// <param name="bicubicCoefficient">Keys' <c>a</c> for <see cref="ResizeMode.Bicubic"/> (between -1 and 0).</param>
    public static Image<float> Apply(Image<float> source, int left, int top, int regionWidth, int regionHeight, int width, int height, ResizeMode mode, double bicubicCoefficient = DefaultBicubicCoefficient)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(regionWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(regionHeight, 1);
        if (left < 0 || top < 0 || (long)left + regionWidth > source.Width || (long)top + regionHeight > source.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(left), $"The rectangle {regionWidth}x{regionHeight} at ({left}, {top}) does not lie inside the {source.Width}x{source.Height} image.");
        }

        if (height >= regionHeight || (left == 0 && top == 0 && regionWidth == source.Width && regionHeight == source.Height))
        {
            return Apply(regionWidth == source.Width && regionHeight == source.Height ? source : Crop.Apply(source, left, top, regionWidth, regionHeight), width, height, mode, bicubicCoefficient);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bicubicCoefficient, -1.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bicubicCoefficient, 0.0);
        var stride = source.Width * source.Channels;
        var origin = ((long)top * stride) + ((long)left * source.Channels);
        return VerticalFirst(source.Pixels.AsSpan((int)origin), stride, regionWidth, regionHeight, source.Channels, width, height, mode, bicubicCoefficient);
    }

    /// <summary>
    /// Shrinking vertically: the cheap, fully vectorised vertical pass goes first so that the horizontal pass (a
    /// per-output window walk) runs on the fewer destination rows. <paramref name="rows"/> starts at the first pixel
    /// of a <paramref name="regionWidth"/> x <paramref name="regionHeight"/> rectangle whose rows lie
    /// <paramref name="stride"/> floats apart (a whole image or a rectangle read in place).
    /// </summary>
    private static Image<float> VerticalFirst(ReadOnlySpan<float> rows, int stride, int regionWidth, int regionHeight, int channels, int width, int height, ResizeMode mode, double bicubicCoefficient)
    {
        var result = new Image<float>(width, height, channels, Buffer((long)width * height * channels));
        var horizontal = ResampleWeights.Create(regionWidth, width, mode, bicubicCoefficient);
        var vertical = ResampleWeights.Create(regionHeight, height, mode, bicubicCoefficient);
        var rowsFirst = Buffer((long)height * regionWidth * channels);
        Resampler.Vertical(rows, stride, regionWidth * channels, vertical, rowsFirst);
        Resampler.Horizontal(rowsFirst, height, channels, horizontal, result.Pixels);
        return result;
    }

    /// <summary>
    /// Resamples an 8-bit image straight into floats in [0, 1] (as <see cref="ImageConversion.ToFloat(Image{byte})"/>
    /// followed by <see cref="Apply(Image{float}, int, int, ResizeMode, double)"/>, up to rounding), without first
    /// making a full-size float copy when the height shrinks.
    /// </summary>
    public static Image<float> Apply(Image<byte> source, int width, int height, ResizeMode mode, double bicubicCoefficient = DefaultBicubicCoefficient)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (height >= source.Height)
        {
            return Apply(ImageConversion.ToFloat(source), width, height, mode, bicubicCoefficient);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bicubicCoefficient, -1.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bicubicCoefficient, 0.0);
        var result = new Image<float>(width, height, source.Channels, Buffer((long)width * height * source.Channels));
        var rowsFirst = Buffer((long)height * source.Width * source.Channels);
        var horizontal = ResampleWeights.Create(source.Width, width, mode, bicubicCoefficient);
        var vertical = ResampleWeights.Create(source.Height, height, mode, bicubicCoefficient);
        var scale = 1f / ((1 << Math.Min(source.BitDepth, 8)) - 1);
        Resampler.VerticalFromBytes(source.Pixels, source.Width * source.Channels, vertical, scale, rowsFirst);
        Resampler.Horizontal(rowsFirst, height, source.Channels, horizontal, result.Pixels);
        return result;
    }

    /// <summary>
    /// Resamples <paramref name="source"/> and maps <paramref name="points"/> (source coordinates) in place to
    /// destination coordinates.
    /// </summary>
    public static Image<float> Apply(Image<float> source, int width, int height, ResizeMode mode, Span<Vector2> points, double bicubicCoefficient = DefaultBicubicCoefficient)
    {
        var result = Apply(source, width, height, mode, bicubicCoefficient);
        MapPoints(points, source.Width, source.Height, width, height);
        return result;
    }

    /// <summary>Maps one point from a <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> image to the resized one.</summary>
    public static Vector2 MapPoint(Vector2 point, int sourceWidth, int sourceHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        return new Vector2(point.X * ((float)width / sourceWidth), point.Y * ((float)height / sourceHeight));
    }

    /// <summary>Maps <paramref name="points"/> in place from source to resized coordinates.</summary>
    public static void MapPoints(Span<Vector2> points, int sourceWidth, int sourceHeight, int width, int height)
    {
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = MapPoint(points[i], sourceWidth, sourceHeight, width, height);
        }
    }

    // Uninitialised because every sample is written; sized in long so absurd target sizes fail cleanly.
    private static float[] Buffer(long length)
    {
        if (length > Image.MaxPixelCount * 4)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Resizing would need {length} samples, more than an image may hold.");
        }

        return GC.AllocateUninitializedArray<float>((int)length);
    }
}
