namespace SpineKit.Imaging.Transforms;

/// <summary>Additive white Gaussian noise from an explicit seeded generator (Box-Muller, two samples per pair of draws).</summary>
public static class GaussianNoise
{
    /// <summary>Adds N(0, <paramref name="sigma"/>^2) to every sample, optionally clamping the result to [0, 1].</summary>
    public static Image<float> Apply(Image<float> source, double sigma, Random random, bool clampToUnit = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(random);
        if (!(sigma >= 0 && double.IsFinite(sigma)))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Sigma must be a finite number at least 0.");
        }

        var result = source.Clone();
        var pixels = result.Pixels;
        for (var i = 0; i < pixels.Length; i += 2)
        {
            // 1 - NextDouble lies in (0, 1], so the logarithm is finite.
            var radius = sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
            pixels[i] = Finish(pixels[i] + (float)(radius * cos), clampToUnit);
            if (i + 1 < pixels.Length)
            {
                pixels[i + 1] = Finish(pixels[i + 1] + (float)(radius * sin), clampToUnit);
            }
        }

        return result;
    }

    private static float Finish(float value, bool clamp) => clamp ? Math.Clamp(value, 0f, 1f) : value;
}
