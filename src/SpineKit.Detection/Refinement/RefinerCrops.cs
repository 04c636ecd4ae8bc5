using SpineKit.Detection.Networks;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Refinement;

/// <summary>Cuts refinement crops out of an original-resolution film and standardises them, the same way for training and inference.</summary>
internal static class RefinerCrops
{
    /// <summary>
    /// Warps <paramref name="grey"/> through <paramref name="toCrop"/> onto a <paramref name="cropSize"/> square;
    /// pixels beyond the film take the film's mean so the edge does not look like anatomy.
    /// </summary>
    public static Image<float> Cut(Image<float> grey, AffineTransform toCrop, int cropSize, float border) =>
        AffineWarp.Apply(grey, toCrop, cropSize, cropSize, border);

    /// <summary>CLAHE's clip limit on refiner crops (the landmark input's).</summary>
    public const double ClaheClipLimit = InputNormalizer.ClaheClipLimit;

    /// <summary>
    /// Normalises <paramref name="crop"/> into <paramref name="destination"/>: optionally CLAHE on 4x4 tiles (a crop is
    /// square, and a tile then holds about a quarter of a vertebra), then zero mean and unit spread.
    /// </summary>
    public static void Normalize(Image<float> crop, InputNormalization normalization, Span<float> destination)
    {
        if (normalization == InputNormalization.ClaheStandardize)
        {
            crop = Clahe.Apply(crop, ClaheClipLimit, tilesX: 4, tilesY: 4);
        }

        InputNormalizer.Standardize(crop.Pixels, destination);
    }

    /// <summary>The mean grey of the film, the border value of its crops (sampled on a coarse grid: it need not be exact).</summary>
    public static float BorderValue(Image<float> grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        double sum = 0;
        long count = 0;
        var step = Math.Max(1, (int)Math.Sqrt(grey.PixelCount / 65536.0));
        for (var y = 0; y < grey.Height; y += step)
        {
            var row = grey.Row(y);
            for (var x = 0; x < row.Length; x += step)
            {
                sum += row[x];
                count++;
            }
        }

        return count == 0 ? 0 : (float)(sum / count);
    }
}
