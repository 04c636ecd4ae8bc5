namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Global histogram equalisation of a single-channel [0, 1] image on 256 levels, OpenCV's <c>equalizeHist</c> rule:
/// <c>level' = round((cdf(level) - cdf_min) * 255 / (N - cdf_min))</c>, where cdf_min is the count of the darkest
/// occupied level. The result is given back as <c>level' / 255</c>.
/// </summary>
public static class HistogramEqualization
{
    /// <summary>Equalises <paramref name="source"/>; a single-level image is returned unchanged (as its level).</summary>
    public static Image<float> Apply(Image<float> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var levels = IntensityLevels.Quantise(source);
        var histogram = new int[IntensityLevels.Count];
        foreach (var level in levels)
        {
            histogram[level]++;
        }

        var darkest = 0;
        while (histogram[darkest] == 0)
        {
            darkest++;
        }

        var lut = new float[IntensityLevels.Count];
        var total = levels.Length;
        var first = histogram[darkest];
        if (first == total)
        {
            lut[darkest] = darkest / 255f;
        }
        else
        {
            // Single precision and round-half-even, as OpenCV computes it, so results match it level for level.
            var scale = 255f / (total - first);
            var cumulative = 0;
            for (var i = darkest; i < IntensityLevels.Count; i++)
            {
                cumulative += histogram[i];
                lut[i] = MathF.Round((cumulative - first) * scale) / 255f;
            }
        }

        var result = new Image<float>(source.Width, source.Height);
        for (var i = 0; i < levels.Length; i++)
        {
            result.Pixels[i] = lut[levels[i]];
        }

        return result;
    }
}
