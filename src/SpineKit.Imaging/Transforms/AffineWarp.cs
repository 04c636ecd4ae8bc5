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
            var (u, v) = RowStart(inverse, y);
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

    /// <summary>
    /// Supersampled warp of a single-channel image: <paramref name="source"/> is warped through
    /// <paramref name="sourceToFine"/> onto a grid <paramref name="factor"/> times finer than
    /// <paramref name="width"/> x <paramref name="height"/>, and each <paramref name="factor"/>-square block of it is
    /// averaged into one output pixel (a box filter against aliasing where the warp shrinks the image several times).
    /// The result equals <see cref="Apply(Image{float}, AffineTransform, int, int, float)"/> onto the fine grid followed
    /// by the block average (rows then columns summed in order, times 1 / factor²) bit for bit, but only
    /// <paramref name="factor"/> fine rows exist at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The transform is singular.</exception>
    public static Image<float> ApplyBoxAveraged(Image<float> source, AffineTransform sourceToFine, int width, int height, int factor, float borderValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (source.Channels != 1)
        {
            throw new ArgumentException("The supersampled warp takes single-channel images.", nameof(source));
        }

        var inverse = sourceToFine.Invert();
        var fineWidth = width * factor;
        var result = new Image<float>(width, height);
        var fine = new float[factor * fineWidth];
        var scale = 1f / (factor * factor);
        for (var y = 0; y < height; y++)
        {
            for (var r = 0; r < factor; r++)
            {
                // The fine row starts where Apply starts it, so the samples are the same.
                var (u, v) = RowStart(inverse, (y * factor) + r);
                Kernels.WarpRow.Sample(source, u, v, inverse.M11, inverse.M21, borderValue, fine.AsSpan(r * fineWidth, fineWidth));
            }

            var row = result.Row(y);
            for (var x = 0; x < width; x++)
            {
                var sum = fine[x * factor];
                for (var r = 0; r < factor; r++)
                {
                    for (var c = r == 0 ? 1 : 0; c < factor; c++)
                    {
                        sum += fine[(r * fineWidth) + (x * factor) + c];
                    }
                }

                row[x] = scale * sum;
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

    /// <summary>
    /// Where output row <paramref name="y"/>'s first pixel lands in the source, in sample-index space (the centre
    /// convention applied once, here); the row is then walked incrementally.
    /// </summary>
    private static (double U, double V) RowStart(AffineTransform inverse, int y)
    {
        var centreY = PixelGrid.CenterOf(y);
        return (
            PixelGrid.SampleIndexOf((inverse.M11 * PixelGrid.CenterOf(0)) + (inverse.M12 * centreY) + inverse.Dx),
            PixelGrid.SampleIndexOf((inverse.M21 * PixelGrid.CenterOf(0)) + (inverse.M22 * centreY) + inverse.Dy));
    }
}
