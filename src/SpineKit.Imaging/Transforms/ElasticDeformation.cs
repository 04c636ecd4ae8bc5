using System.Numerics;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// A smooth random displacement field (Simard et al. 2003): uniform noise in [-1, 1] per pixel and axis, Gaussian-
/// smoothed with <c>sigma</c> and scaled by <c>alpha</c>. It is an inverse map: the destination pixel centred at q
/// shows the source at <c>q + d(q)</c>. Points go the other way, so <see cref="MapPoint"/> solves
/// <c>q + d(q) = p</c> numerically (Newton's method on the interpolated field), which succeeds wherever the field
/// does not fold the image over itself; <see cref="InverseResidual"/> reports how well it did.
/// </summary>
public sealed class ElasticDeformation
{
    private const int MaxIterations = 50;
    private const float Tolerance = 1e-4f;

    // Displacements at pixel centres, interleaved (dx, dy), in pixels.
    private readonly Image<float> _field;

    private ElasticDeformation(Image<float> field) => _field = field;

    /// <summary>Width of the images this field deforms.</summary>
    public int Width => _field.Width;

    /// <summary>Height of the images this field deforms.</summary>
    public int Height => _field.Height;

    /// <summary>
    /// Draws a field for a <paramref name="width"/> x <paramref name="height"/> image. Noise is drawn pixel by pixel
    /// in row order, x before y, over the image plus a margin of <c>GaussianBlur.RadiusFor(sigma)</c>, so a seed
    /// reproduces the field exactly.
    /// </summary>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="alpha">Scale of the smoothed noise, in pixels (the displacement's standard deviation is about
    /// <c>alpha * 0.58 / (2 sqrt(pi) sigma)</c>).</param>
    /// <param name="sigma">Smoothness: standard deviation of the Gaussian, in pixels (greater than 0).</param>
    /// <param name="random">The only source of randomness.</param>
    public static ElasticDeformation Create(int width, int height, double alpha, double sigma, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        // Noise is drawn on a margin of one kernel radius and cropped after smoothing, so every displacement
        // averages the same amount of noise; blurring with replicated edges would let single border samples
        // dominate and tear the image edges.
        var margin = GaussianBlur.RadiusFor(sigma);
        var noise = new Image<float>(width + (2 * margin), height + (2 * margin), 2);
        for (var i = 0; i < noise.Pixels.Length; i++)
        {
            noise.Pixels[i] = (random.NextSingle() * 2) - 1;
        }

        var field = Crop.Apply(GaussianBlur.Apply(noise, sigma), margin, margin, width, height);
        var scale = (float)alpha;
        for (var i = 0; i < field.Pixels.Length; i++)
        {
            field.Pixels[i] *= scale;
        }

        return new ElasticDeformation(field);
    }

    /// <summary>Wraps a given field (two channels: dx, dy in pixels at each pixel centre), e.g. for tests.</summary>
    public static ElasticDeformation FromField(Image<float> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Channels != 2)
        {
            throw new ArgumentException($"A displacement field has 2 channels (dx, dy), not {field.Channels}.", nameof(field));
        }

        return new ElasticDeformation(field.Clone());
    }

    /// <summary>The displacement d at continuous point <paramref name="at"/> (bilinear, edges replicated).</summary>
    public Vector2 Displacement(Vector2 at)
    {
        var u = Math.Clamp(PixelGrid.SampleIndexOf(at.X), 0, Width - 1);
        var v = Math.Clamp(PixelGrid.SampleIndexOf(at.Y), 0, Height - 1);
        Span<float> d = stackalloc float[2];
        BilinearSampler.Sample(_field, u, v, 0f, d);
        return new Vector2(d[0], d[1]);
    }

    /// <summary>Deforms <paramref name="source"/> (same size as the field); samples falling outside read <paramref name="borderValue"/>.</summary>
    public Image<float> Apply(Image<float> source, float borderValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Width != Width || source.Height != Height)
        {
            throw new ArgumentException($"The field is {Width}x{Height} but the image is {source.Width}x{source.Height}.", nameof(source));
        }

        var result = new Image<float>(Width, Height, source.Channels);
        var channels = source.Channels;
        var field = _field.Pixels;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // Centre (x + 0.5) + d, back to a sample index by subtracting 0.5: simply x + d.
                var i = (y * Width) + x;
                var u = PixelGrid.SampleIndexOf(PixelGrid.CenterOf(x) + field[2 * i]);
                var v = PixelGrid.SampleIndexOf(PixelGrid.CenterOf(y) + field[(2 * i) + 1]);
                var output = result.Pixels.AsSpan(i * channels, channels);
                if (channels == 1)
                {
                    Kernels.WarpRowScalar.Sample(source, u, v, borderValue, output);
                }
                else
                {
                    BilinearSampler.Sample(source, u, v, borderValue, output);
                }
            }
        }

        return result;
    }

    /// <summary>Deforms <paramref name="source"/> and maps <paramref name="points"/> in place to where their features land.</summary>
    public Image<float> Apply(Image<float> source, Span<Vector2> points, float borderValue = 0f)
    {
        var result = Apply(source, borderValue);
        MapPoints(points);
        return result;
    }

    /// <summary>Where a feature at source point <paramref name="sourcePoint"/> appears after deformation.</summary>
    public Vector2 MapPoint(Vector2 sourcePoint)
    {
        // Solve F(q) = q + d(q) - p = 0 by Newton's method with a finite-difference Jacobian and step halving;
        // where the field folds (singular Jacobian) fall back to the plain fixed-point step q = p - d(q).
        var q = sourcePoint - Displacement(sourcePoint);
        var residual = q + Displacement(q) - sourcePoint;
        for (var iteration = 0; iteration < MaxIterations && residual.Length() > Tolerance; iteration++)
        {
            var step = NewtonStep(q, residual) ?? residual;
            var t = 1f;
            var candidate = q - step;
            var candidateResidual = candidate + Displacement(candidate) - sourcePoint;
            while (candidateResidual.Length() >= residual.Length() && t > 1f / 64)
            {
                t /= 2;
                candidate = q - (t * step);
                candidateResidual = candidate + Displacement(candidate) - sourcePoint;
            }

            q = candidate;
            residual = candidateResidual;
        }

        return q;
    }

    /// <summary>Maps <paramref name="points"/> in place, see <see cref="MapPoint"/>.</summary>
    public void MapPoints(Span<Vector2> points)
    {
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = MapPoint(points[i]);
        }
    }

    private Vector2? NewtonStep(Vector2 q, Vector2 residual)
    {
        const float h = 0.25f;
        var ddx = (Displacement(q + new Vector2(h, 0)) - Displacement(q - new Vector2(h, 0))) / (2 * h);
        var ddy = (Displacement(q + new Vector2(0, h)) - Displacement(q - new Vector2(0, h))) / (2 * h);
        var a = 1 + ddx.X;
        var b = ddy.X;
        var c = ddx.Y;
        var d = 1 + ddy.Y;
        var det = (a * d) - (b * c);
        if (MathF.Abs(det) < 1e-3f)
        {
            return null;
        }

        return new Vector2(((d * residual.X) - (b * residual.Y)) / det, ((a * residual.Y) - (c * residual.X)) / det);
    }

    /// <summary>How far <c>q + d(q)</c> misses <paramref name="sourcePoint"/> for the mapped q (pixels); tiny when the inversion converged.</summary>
    public float InverseResidual(Vector2 sourcePoint)
    {
        var q = MapPoint(sourcePoint);
        return Vector2.Distance(q + Displacement(q), sourcePoint);
    }
}
