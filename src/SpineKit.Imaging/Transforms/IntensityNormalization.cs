namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Rescales intensities over the whole image (all channels together): min-max to [0, 1], zero mean and unit
/// variance, or percentile clipping. A constant image has no spread; it maps to 0 instead of dividing by zero.
/// </summary>
public static class IntensityNormalization
{
    /// <summary><c>(v - min) / (max - min)</c>, so the darkest sample becomes 0 and the brightest 1.</summary>
    public static Image<float> MinMax(Image<float> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in source.Pixels)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        return Affine(source, min, max > min ? 1.0 / (max - (double)min) : 0);
    }

    /// <summary><c>(v - mean) / std</c> with the population standard deviation.</summary>
    public static Image<float> MeanStd(Image<float> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        double sum = 0;
        foreach (var v in source.Pixels)
        {
            sum += v;
        }

        var mean = sum / source.Pixels.Length;
        double squares = 0;
        foreach (var v in source.Pixels)
        {
            squares += (v - mean) * (v - mean);
        }

        var std = Math.Sqrt(squares / source.Pixels.Length);
        return Affine(source, mean, std > 0 ? 1 / std : 0);
    }

    /// <summary>
    /// Clips to the <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles (linear interpolation
    /// between order statistics, NumPy's default) and rescales that range to [0, 1].
    /// </summary>
    public static Image<float> PercentileClip(Image<float> source, double lowPercent = 1, double highPercent = 99)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(lowPercent), $"Need 0 <= low < high <= 100, got {lowPercent} and {highPercent}.");
        }

        var sorted = (float[])source.Pixels.Clone();
        Array.Sort(sorted);
        var low = Percentile(sorted, lowPercent);
        var high = Percentile(sorted, highPercent);
        var result = Affine(source, low, high > low ? 1 / (high - low) : 0);
        var pixels = result.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Math.Clamp(pixels[i], 0f, 1f);
        }

        return result;
    }

    /// <summary>The <paramref name="percent"/> percentile of ascending <paramref name="sorted"/> values, interpolated linearly.</summary>
    internal static double Percentile(ReadOnlySpan<float> sorted, double percent)
    {
        var position = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - (double)sorted[below]));
    }

    private static Image<float> Affine(Image<float> source, double offset, double scale)
    {
        var result = new Image<float>(source.Width, source.Height, source.Channels);
        var input = source.Pixels;
        var output = result.Pixels;
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = (float)((input[i] - offset) * scale);
        }

        return result;
    }
}
