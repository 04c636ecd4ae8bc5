using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Cuts a rectangle out of an image. The rectangle may reach outside the image; those pixels come from the
/// <see cref="BorderMode"/>. Points move by minus the rectangle's top-left corner.
/// </summary>
public static class Crop
{
    /// <summary>
    /// The <paramref name="width"/> x <paramref name="height"/> region whose top-left pixel is
    /// (<paramref name="left"/>, <paramref name="top"/>) in <paramref name="source"/>.
    /// </summary>
    public static Image<T> Apply<T>(Image<T> source, int left, int top, int width, int height, BorderMode border = BorderMode.Constant, T borderValue = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var result = new Image<T>(width, height, source.Channels, bitDepth: source.BitDepth);
        var channels = source.Channels;
        var columns = new int[width];
        for (var x = 0; x < width; x++)
        {
            columns[x] = BorderIndex.Resolve(left + x, source.Width, border);
        }

        for (var y = 0; y < height; y++)
        {
            var sourceY = BorderIndex.Resolve(top + y, source.Height, border);
            var output = result.Row(y);
            if (sourceY < 0)
            {
                output.Fill(borderValue);
                continue;
            }

            var input = source.Row(sourceY);
            for (var x = 0; x < width; x++)
            {
                var sourceX = columns[x];
                for (var c = 0; c < channels; c++)
                {
                    output[(x * channels) + c] = sourceX < 0 ? borderValue : input[(sourceX * channels) + c];
                }
            }
        }

        return result;
    }

    /// <summary>Crops as <see cref="Apply{T}(Image{T}, int, int, int, int, BorderMode, T)"/> and maps <paramref name="points"/> in place.</summary>
    public static Image<T> Apply<T>(Image<T> source, int left, int top, int width, int height, Span<Vector2> points, BorderMode border = BorderMode.Constant, T borderValue = default)
        where T : unmanaged
    {
        var result = Apply(source, left, top, width, height, border, borderValue);
        MapPoints(points, left, top);
        return result;
    }

    /// <summary>Maps <paramref name="points"/> in place into the coordinates of a crop at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static void MapPoints(Span<Vector2> points, int left, int top)
    {
        var offset = new Vector2(left, top);
        for (var i = 0; i < points.Length; i++)
        {
            points[i] -= offset;
        }
    }
}
