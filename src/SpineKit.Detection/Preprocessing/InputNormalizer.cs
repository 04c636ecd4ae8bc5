using SpineKit.Detection.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Preprocessing;

/// <summary>
/// Brings any radiograph to what the network saw in training: grey in [0, 1] resized (area filter) to
/// the input size, optionally equalised locally (CLAHE), then standardised to zero mean and unit
/// deviation per image, so exposure, bit depth and DICOM value ranges do not matter.
/// </summary>
internal static class InputNormalizer
{
    /// <summary>CLAHE clip limit of <see cref="InputNormalization.ClaheStandardize"/>: enough to lift faint bodies, little enough not to amplify noise.</summary>
    public const double ClaheClipLimit = 2.0;

    /// <summary>Writes the normalised pixels of <paramref name="resized"/> (grey in [0, 1], input size) into <paramref name="destination"/>.</summary>
    public static void Normalize(Image<float> resized, InputNormalization normalization, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(resized);

        // Tiles about square on a portrait input: half as many across as down.
        Normalize(resized, normalization, ClaheClipLimit, Math.Min(4, resized.Width), Math.Min(8, resized.Height), destination);
    }

    /// <summary>
    /// Writes <paramref name="image"/> (grey in [0, 1]) normalised into <paramref name="destination"/>, equalised first by
    /// CLAHE at <paramref name="claheClipLimit"/> on a <paramref name="claheTilesX"/> x <paramref name="claheTilesY"/> grid
    /// when <paramref name="normalization"/> asks for it: the one mechanism for every network's input, each with its grid.
    /// </summary>
    public static void Normalize(Image<float> image, InputNormalization normalization, double claheClipLimit, int claheTilesX, int claheTilesY, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (normalization == InputNormalization.ClaheStandardize)
        {
            image = Clahe.Apply(image, claheClipLimit, tilesX: claheTilesX, tilesY: claheTilesY);
        }

        Standardize(image.Pixels, destination);
    }

    /// <summary>Resizes <paramref name="grey"/> to the input size (no standardisation yet).</summary>
    public static Image<float> Resize(Image<float> grey, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var mode = grey.Width >= inputWidth && grey.Height >= inputHeight ? ResizeMode.Area : ResizeMode.Bilinear;
        return Imaging.Transforms.Resize.Apply(grey, inputWidth, inputHeight, mode);
    }

    /// <summary>
    /// Resizes the rectangle (<paramref name="left"/>, <paramref name="top"/>, <paramref name="width"/>,
    /// <paramref name="height"/>) of <paramref name="grey"/> to the input size, as <see cref="Resize(Image{float}, int, int)"/>
    /// of that rectangle cut out, without cutting it out.
    /// </summary>
    public static Image<float> ResizeRegion(Image<float> grey, int left, int top, int width, int height, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var mode = width >= inputWidth && height >= inputHeight ? ResizeMode.Area : ResizeMode.Bilinear;
        return Imaging.Transforms.Resize.Apply(grey, left, top, width, height, inputWidth, inputHeight, mode);
    }

    /// <summary>Writes the standardised pixels of <paramref name="resized"/> into <paramref name="destination"/>.</summary>
    public static void Standardize(ReadOnlySpan<float> resized, Span<float> destination)
    {
        double sum = 0, sumSquares = 0;
        foreach (var value in resized)
        {
            sum += value;
            sumSquares += (double)value * value;
        }

        var mean = sum / resized.Length;
        var deviation = Math.Sqrt(Math.Max(0, (sumSquares / resized.Length) - (mean * mean)));

        // A blank image has no contrast to standardise; keep it flat rather than divide by zero.
        var scale = deviation > 1e-6 ? 1 / deviation : 0;
        for (var i = 0; i < resized.Length; i++)
        {
            destination[i] = (float)((resized[i] - mean) * scale);
        }
    }
}
