using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Separable Gaussian smoothing with replicated edges (OpenCV <c>GaussianBlur</c> with <c>BORDER_REPLICATE</c>).
/// The kernel is the sampled Gaussian truncated at <see cref="RadiusFor"/> and normalised to sum 1.
/// </summary>
public static class GaussianBlur
{
    /// <summary>Blurs every channel with standard deviation <paramref name="sigmaX"/> along x and <paramref name="sigmaY"/> (default: the same) along y.</summary>
    /// <param name="source">The image; not modified.</param>
    /// <param name="sigmaX">Standard deviation in pixels along x; 0 leaves that axis untouched.</param>
    /// <param name="sigmaY">Standard deviation along y; defaults to <paramref name="sigmaX"/>.</param>
    public static Image<float> Apply(Image<float> source, double sigmaX, double? sigmaY = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sy = sigmaY ?? sigmaX;
        CheckSigma(sigmaX, nameof(sigmaX));
        CheckSigma(sy, nameof(sigmaY));
        var result = source.Clone();
        var scratch = new float[result.Pixels.Length];
        if (sigmaX > 0)
        {
            SeparableFilter.Horizontal(result.Pixels, source.Width, source.Height, source.Channels, Kernel(sigmaX), scratch);
            scratch.CopyTo(result.Pixels, 0);
        }

        if (sy > 0)
        {
            SeparableFilter.Vertical(result.Pixels, source.Width * source.Channels, source.Height, Kernel(sy), scratch);
            scratch.CopyTo(result.Pixels, 0);
        }

        return result;
    }

    /// <summary>The kernel radius used for <paramref name="sigma"/>: <c>ceil(3 sigma)</c>, at least 1 (99.7% of the mass).</summary>
    public static int RadiusFor(double sigma) => Math.Max(1, (int)Math.Ceiling(3 * sigma));

    /// <summary>The normalised sampled Gaussian of length <c>2 * RadiusFor(sigma) + 1</c>; sigma 0 gives the identity <c>[1]</c>.</summary>
    public static float[] Kernel(double sigma)
    {
        CheckSigma(sigma, nameof(sigma));
        if (sigma == 0)
        {
            return [1f];
        }

        var radius = RadiusFor(sigma);
        var weights = new double[(2 * radius) + 1];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var d = i - radius;
            weights[i] = Math.Exp(-(d * d) / (2 * sigma * sigma));
            total += weights[i];
        }

        var taps = new float[weights.Length];
        for (var i = 0; i < taps.Length; i++)
        {
            taps[i] = (float)(weights[i] / total);
        }

        return taps;
    }

    private static void CheckSigma(double sigma, string name)
    {
        // A radius beyond 4096 pixels is never meant; it would also make the kernel allocation unbounded.
        if (!(sigma >= 0 && sigma <= 1000))
        {
            throw new ArgumentOutOfRangeException(name, sigma, "Sigma must be between 0 and 1000 pixels.");
        }
    }
}
