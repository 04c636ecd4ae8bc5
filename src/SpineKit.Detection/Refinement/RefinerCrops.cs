using SpineKit.Detection.Networks;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Refinement;

/// <summary>Cuts refinement crops out of an original-resolution film and normalises them, the same way for training and inference.</summary>
internal static class RefinerCrops
{
    /// <summary>
    /// Warps <paramref name="grey"/> through <paramref name="toCrop"/> onto a <paramref name="cropSize"/> square;
    /// pixels beyond the film take the film's mean so the edge does not look like anatomy.
    /// </summary>
    public static Image<float> Cut(Image<float> grey, AffineTransform toCrop, int cropSize, float border) =>
        AffineWarp.Apply(grey, toCrop, cropSize, cropSize, border);

    // The clip limit and the 4x4 grid are part of what "clahe" means in a refiner file: a refiner trained with them
    // must be fed crops made with them, so they are this class's own and changing either needs a new name.
    private const double ClaheClipLimit = 2.0;
    private const int ClaheTiles = 4;

    /// <summary>How <see cref="Normalize"/> equalises a CLAHE crop, in words (for the ONNX export's description).</summary>
    public static string ClaheDescription { get; } = FormattableString.Invariant($"CLAHE-equalised (OpenCV's createCLAHE on 256 grey levels of [0, 1], clip limit {ClaheClipLimit}, {ClaheTiles}x{ClaheTiles} tiles) then standardised");

    /// <summary>
    /// Normalises <paramref name="crop"/> into <paramref name="destination"/>: optionally CLAHE on 4x4 tiles (a crop is
    /// square, and a tile then spans about 0.4 of the vertebra's side), then zero mean and unit spread.
    /// </summary>
    public static void Normalize(Image<float> crop, InputNormalization normalization, Span<float> destination) =>
        InputNormalizer.Normalize(crop, normalization, ClaheClipLimit, ClaheTiles, ClaheTiles, destination);

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
