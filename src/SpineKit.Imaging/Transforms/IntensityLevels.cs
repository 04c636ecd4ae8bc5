namespace SpineKit.Imaging.Transforms;

/// <summary>
/// The 256 grey levels that histogram-based operations (<see cref="HistogramEqualization"/>, <see cref="Clahe"/>)
/// count: a [0, 1] sample maps to <c>round(clamp(v, 0, 1) * 255)</c>, the same level <see cref="ImageConversion.ToByte"/> gives.
/// </summary>
internal static class IntensityLevels
{
    /// <summary>Number of levels.</summary>
    public const int Count = 256;

    /// <summary>The level of one sample; NaN counts as 0.</summary>
    public static int Of(float value) => value > 0 ? (int)MathF.Round(MathF.Min(value, 1f) * 255f) : 0;

    /// <summary>Levels of a whole single-channel image.</summary>
    public static byte[] Quantise(Image<float> image)
    {
        if (image.Channels != 1)
        {
            throw new ArgumentException($"Histogram operations need a single-channel image, not {image.Channels} channels.", nameof(image));
        }

        var levels = new byte[image.Pixels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = (byte)Of(image.Pixels[i]);
        }

        return levels;
    }
}
