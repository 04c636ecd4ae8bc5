using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Converts between stored integer samples and the <see cref="Image{T}"/> of float in [0, 1] that analysis and
/// training work on. The scale is the image's bit depth (a 12-bit image maps 4095 to 1), and the way back rounds
/// to nearest and clamps, so values outside [0, 1] saturate instead of wrapping.
/// </summary>
public static class ImageConversion
{
    /// <summary>8-bit (or fewer bits) samples to floats in [0, 1], dividing by <c>2^BitDepth - 1</c>.</summary>
    public static Image<float> ToFloat(Image<byte> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new Image<float>(image.Width, image.Height, image.Channels);
        SampleConversion.ByteToFloat(image.Pixels, result.Pixels, 1f / MaxValue(Math.Min(image.BitDepth, 8)));
        return result;
    }

    /// <summary>16-bit (or fewer bits, e.g. 12-bit DICOM) samples to floats in [0, 1], dividing by <c>2^BitDepth - 1</c>.</summary>
    public static Image<float> ToFloat(Image<ushort> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new Image<float>(image.Width, image.Height, image.Channels);
        SampleConversion.UInt16ToFloat(image.Pixels, result.Pixels, 1f / MaxValue(Math.Min(image.BitDepth, 16)));
        return result;
    }

    /// <summary>Floats in [0, 1] to 8-bit samples: <c>round(clamp(v, 0, 1) * 255)</c>; NaN becomes 0.</summary>
    public static Image<byte> ToByte(Image<float> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new Image<byte>(image.Width, image.Height, image.Channels);
        SampleConversion.FloatToByte(image.Pixels, result.Pixels);
        return result;
    }

    /// <summary>
    /// Floats in [0, 1] to unsigned samples of <paramref name="bitDepth"/> bits (9..16):
    /// <c>round(clamp(v, 0, 1) * (2^bitDepth - 1))</c>; NaN becomes 0.
    /// </summary>
    public static Image<ushort> ToUInt16(Image<float> image, int bitDepth = 16)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitDepth, 9);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitDepth, 16);
        var result = new Image<ushort>(image.Width, image.Height, image.Channels, bitDepth);
        var scale = MaxValue(bitDepth);
        var source = image.Pixels;
        var destination = result.Pixels;
        for (var i = 0; i < source.Length; i++)
        {
            var v = source[i];
            destination[i] = v > 0 ? (ushort)MathF.Round(MathF.Min(v, 1f) * scale) : (ushort)0;
        }

        return result;
    }

    private static float MaxValue(int bitDepth) => (1 << bitDepth) - 1;
}
