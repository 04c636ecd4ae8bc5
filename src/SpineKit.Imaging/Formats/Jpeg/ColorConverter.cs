using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpineKit.Imaging.Formats.Jpeg.Kernels;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Converts full-resolution component planes to interleaved output samples. YCbCr to RGB uses the integer
/// tables of libjpeg (jdcolor.c: 16-bit fixed point, rounded), so 8-bit results match libjpeg-turbo exactly.
/// </summary>
internal static class ColorConverter
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);

    /// <summary>Writes the interleaved output of <paramref name="planes"/> (each width*height) into <paramref name="output"/>.</summary>
    /// <param name="planes">Full-resolution component planes in frame order.</param>
    /// <param name="colorSpace">How the components are coded.</param>
    /// <param name="convert">When false, components are interleaved as coded.</param>
    /// <param name="precision">Bits per sample.</param>
    /// <param name="output">Receives pixels with 1 (grey), 3 (RGB or raw) or 4 (raw) channels.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Convert<T>(T[][] planes, JpegColorSpace colorSpace, bool convert, int precision, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        var count = planes[0].Length;
        if (planes.Length == 1)
        {
            planes[0].AsSpan().CopyTo(output);
            return;
        }

        if (!convert || colorSpace == JpegColorSpace.Rgb)
        {
            Interleave(planes, output, count);
            return;
        }

        var max = (1 << precision) - 1;
        var center = 1 << (precision - 1);
        var crToRed = new int[max + 1];
        var cbToBlue = new int[max + 1];
        var crToGreen = new int[max + 1];
        var cbToGreen = new int[max + 1];
        for (var i = 0; i <= max; i++)
        {
            long x = i - center;
            crToRed[i] = (int)(((Fix(1.40200) * x) + Half) >> ScaleBits);
            cbToBlue[i] = (int)(((Fix(1.77200) * x) + Half) >> ScaleBits);
            crToGreen[i] = (int)(-Fix(0.71414) * x);
            cbToGreen[i] = (int)((-Fix(0.34414) * x) + Half);
        }

        var y = planes[0];
        var cb = planes[1];
        var cr = planes[2];
        if (colorSpace == JpegColorSpace.YCbCr && typeof(T) == typeof(byte))
        {
            YCbCrToRgb.Convert(
                MemoryMarshal.Cast<T, byte>(y), MemoryMarshal.Cast<T, byte>(cb), MemoryMarshal.Cast<T, byte>(cr), MemoryMarshal.Cast<T, byte>(output));
            return;
        }

        if (colorSpace == JpegColorSpace.YCbCr)
        {
            for (var i = 0; i < count; i++)
            {
                var luma = int.CreateTruncating(y[i]);
                var blue = int.CreateTruncating(cb[i]) & max;
                var red = int.CreateTruncating(cr[i]) & max;
                output[3 * i] = T.CreateTruncating(Math.Clamp(luma + crToRed[red], 0, max));
                output[(3 * i) + 1] = T.CreateTruncating(Math.Clamp(luma + ((cbToGreen[blue] + crToGreen[red]) >> ScaleBits), 0, max));
                output[(3 * i) + 2] = T.CreateTruncating(Math.Clamp(luma + cbToBlue[blue], 0, max));
            }

            return;
        }

        // CMYK as Adobe writes it is inverted (0 = full ink), so RGB = stored colour times stored black.
        var k = planes[3];
        for (var i = 0; i < count; i++)
        {
            int c0, c1, c2;
            if (colorSpace == JpegColorSpace.Ycck)
            {
                var luma = int.CreateTruncating(y[i]);
                var blue = int.CreateTruncating(cb[i]) & max;
                var red = int.CreateTruncating(cr[i]) & max;
                c0 = max - Math.Clamp(luma + crToRed[red], 0, max);
                c1 = max - Math.Clamp(luma + ((cbToGreen[blue] + crToGreen[red]) >> ScaleBits), 0, max);
                c2 = max - Math.Clamp(luma + cbToBlue[blue], 0, max);
            }
            else
            {
                c0 = int.CreateTruncating(y[i]);
                c1 = int.CreateTruncating(cb[i]);
                c2 = int.CreateTruncating(cr[i]);
            }

            long black = int.CreateTruncating(k[i]);
            output[3 * i] = T.CreateTruncating((int)(((c0 * black) + (max / 2)) / max));
            output[(3 * i) + 1] = T.CreateTruncating((int)(((c1 * black) + (max / 2)) / max));
            output[(3 * i) + 2] = T.CreateTruncating((int)(((c2 * black) + (max / 2)) / max));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave<T>(T[][] planes, Span<T> output, int count)
        where T : unmanaged, IBinaryInteger<T>
    {
        var channels = planes.Length;
        for (var c = 0; c < channels; c++)
        {
            var plane = planes[c];
            for (var i = 0; i < count; i++)
            {
                output[(i * channels) + c] = plane[i];
            }
        }
    }

    private static long Fix(double x) => (long)((x * (1L << ScaleBits)) + 0.5);
}
