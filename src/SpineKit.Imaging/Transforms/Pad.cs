using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>Adds borders around an image; points move by plus the left and top padding.</summary>
public static class Pad
{
    /// <summary>Pads each side by the given number of pixels (each at least 0).</summary>
    public static Image<T> Apply<T>(Image<T> source, int left, int top, int right, int bottom, BorderMode border = BorderMode.Constant, T borderValue = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        ArgumentOutOfRangeException.ThrowIfNegative(bottom);
        return Crop.Apply(source, -left, -top, source.Width + left + right, source.Height + top + bottom, border, borderValue);
    }

    /// <summary>Pads as <see cref="Apply{T}(Image{T}, int, int, int, int, BorderMode, T)"/> and maps <paramref name="points"/> in place.</summary>
    public static Image<T> Apply<T>(Image<T> source, int left, int top, int right, int bottom, Span<Vector2> points, BorderMode border = BorderMode.Constant, T borderValue = default)
        where T : unmanaged
    {
        var result = Apply(source, left, top, right, bottom, border, borderValue);
        Crop.MapPoints(points, -left, -top);
        return result;
    }
}
