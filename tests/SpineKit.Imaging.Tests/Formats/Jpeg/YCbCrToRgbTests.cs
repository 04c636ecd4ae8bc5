using SpineKit.Imaging.Formats.Jpeg.Kernels;
using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>The colour conversion, on its AVX2 and its scalar path, must equal libjpeg's table method for every (Y, Cb, Cr).</summary>
public sealed class YCbCrToRgbTests
{
    [Fact]
    public void Convert_EqualsScalarReference_ForAllInputs()
    {
        // One luma value per pass over all 65,536 chroma pairs, with a 5-pixel tail after the 16-pixel steps.
        const int count = (256 * 256) + 5;
        var cb = new byte[count];
        var cr = new byte[count];
        for (var i = 0; i < count; i++)
        {
            cb[i] = (byte)i;
            cr[i] = (byte)(i >> 8);
        }

        var y = new byte[count];
        var vector = new byte[3 * count];
        var scalar = new byte[3 * count];
        var reference = new byte[3 * count];
        for (var luma = 0; luma < 256; luma++)
        {
            Array.Fill(y, (byte)luma);
            YCbCrToRgb.Convert(y, cb, cr, vector);
            YCbCrToRgb.Convert(y, cb, cr, scalar, SimdPath.Scalar);
            YCbCrToRgbReference.Convert(y, cb, cr, reference);
            Assert.True(vector.AsSpan().SequenceEqual(reference), $"vector path, luma {luma}");
            Assert.True(scalar.AsSpan().SequenceEqual(reference), $"scalar path, luma {luma}");
        }
    }

    [Fact]
    public void Reference_MatchesTheBt601Definition()
    {
        var rgb = new byte[3];

        YCbCrToRgbReference.Convert([100], [90], [200], rgb);

        // R = Y + 1.402 (Cr - 128), G = Y - 0.34414 (Cb - 128) - 0.71414 (Cr - 128), B = Y + 1.772 (Cb - 128).
        Assert.Equal(Math.Round(100 + (1.402 * 72)), rgb[0]);
        Assert.Equal(Math.Round(100 - (0.34414 * -38) - (0.71414 * 72)), rgb[1]);
        Assert.Equal(Math.Round(100 + (1.772 * -38)), rgb[2]);
    }
}
