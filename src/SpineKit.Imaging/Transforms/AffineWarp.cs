using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Resamples an image through an <see cref="AffineTransform"/> that maps source points to destination points:
/// each destination pixel centre is pulled back through the inverse and sampled bilinearly; samples outside the
/// source take the border value (OpenCV <c>warpAffine</c> with <c>BORDER_CONSTANT</c>). Points map forward through
/// the same transform, so a feature at point p appears at <c>transform.Apply(p)</c>.
/// </summary>
public static class AffineWarp
{
    /// <summary>Warps <paramref name="source"/> onto a <paramref name="width"/> x <paramref name="height"/> canvas.</summary>
    /// <exception cref="InvalidOperationException">The transform is singular.</exception>
    public static Image<float> Apply(Image<float> source, AffineTransform sourceToDestination, int width, int height, float borderValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var inverse = sourceToDestination.Invert();
        var result = new Image<float>(width, height, source.Channels);
        var channels = source.Channels;
        var pixels = result.Pixels;
        for (var y = 0; y < height; y++)
        {
            // Walk the row incrementally in source sample-index space (centre convention applied once, here).
            var centreY = PixelGrid.CenterOf(y);
            var u = PixelGrid.SampleIndexOf((inverse.M11 * PixelGrid.CenterOf(0)) + (inverse.M12 * centreY) + inverse.Dx);
            var v = PixelGrid.SampleIndexOf((inverse.M21 * PixelGrid.CenterOf(0)) + (inverse.M22 * centreY) + inverse.Dy);
            var row = y * width * channels;
            if (channels == 1)
            {
                Kernels.WarpRow.Sample(source, u, v, inverse.M11, inverse.M21, borderValue, pixels.AsSpan(row, width));
                continue;
            }

            for (var x = 0; x < width; x++)
            {
                var su = u + (x * inverse.M11);
                var sv = v + (x * inverse.M21);
                BilinearSampler.Sample(source, su, sv, borderValue, pixels.AsSpan(row + (x * channels), channels));
            }
        }

        return result;
    }

    /// <summary>Warps as above and maps <paramref name="points"/> in place through the same transform.</summary>
    public static Image<float> Apply(Image<float> source, AffineTransform sourceToDestination, int width, int height, Span<Vector2> points, float borderValue = 0f)
    {
        var result = Apply(source, sourceToDestination, width, height, borderValue);
        sourceToDestination.Apply(points);
        return result;
    }
}
