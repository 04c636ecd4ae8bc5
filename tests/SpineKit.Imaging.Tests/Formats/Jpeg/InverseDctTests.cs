using SpineKit.Imaging.Formats.Jpeg.Kernels;
using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// The islow IDCT, on its AVX2 and its scalar path, must equal the scalar definition beside these tests bit for bit
/// on valid 8-bit input.
/// </summary>
public sealed class InverseDctTests
{
    [Fact]
    public void Transform8_EqualsScalarReference_OnRandomBlocks()
    {
        // Coefficients as an encoder makes them: forward DCT of random 8-bit blocks (smooth, noisy and
        // black/white patterns that overshoot after quantisation), quantised with random steps.
        var random = new Random(20261121);
        var samples = new double[64];
        var coefficients = new short[64];
        var quantization = new int[64];
        var vector = new byte[8 * 16];
        var scalar = new byte[8 * 16];
        var reference = new int[64];
        for (var trial = 0; trial < 5000; trial++)
        {
            for (var i = 0; i < 64; i++)
            {
                samples[i] = (trial % 3) switch
                {
                    0 => random.Next(256),
                    1 => random.Next(2) * 255,
                    _ => Math.Clamp((i % 8 * 20) + (i / 8 * 9) + random.Next(-10, 11), 0, 255),
                };
                quantization[i] = random.Next(1, trial % 4 == 0 ? 100 : 16);
            }

            ForwardDct(samples, quantization, coefficients);
            InverseDct.Transform8(coefficients, quantization, vector, 16);
            InverseDct.Transform8(coefficients, quantization, scalar, 16, SimdPath.Scalar);
            InverseDctReference.Transform(coefficients, quantization, 8, reference, 8);
            for (var row = 0; row < 8; row++)
            {
                for (var column = 0; column < 8; column++)
                {
                    Assert.Equal(reference[(row * 8) + column], vector[(row * 16) + column]);
                    Assert.Equal(reference[(row * 8) + column], scalar[(row * 16) + column]);
                }
            }
        }
    }

    private static void ForwardDct(double[] samples, int[] quantization, short[] coefficients)
    {
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                var sum = 0.0;
                for (var y = 0; y < 8; y++)
                {
                    for (var x = 0; x < 8; x++)
                    {
                        sum += (samples[(y * 8) + x] - 128) * Math.Cos((2 * x + 1) * u * Math.PI / 16) * Math.Cos((2 * y + 1) * v * Math.PI / 16);
                    }
                }

                var scale = (u == 0 ? Math.Sqrt(0.5) : 1) * (v == 0 ? Math.Sqrt(0.5) : 1) / 4;
                coefficients[(v * 8) + u] = (short)Math.Round(sum * scale / quantization[(v * 8) + u]);
            }
        }
    }

    [Theory]
    [InlineData(0, 1, 8)]
    [InlineData(-1024, 1, 8)]
    [InlineData(37, 16, 8)]
    [InlineData(-5, 99, 8)]
    [InlineData(1000, 3, 12)]
    public void DcOnlyValue_EqualsScalarReference(int dc, int quantizer, int precision)
    {
        var coefficients = new short[64];
        coefficients[0] = (short)dc;
        var quantization = Enumerable.Repeat(quantizer, 64).ToArray();
        var reference = new int[64];

        InverseDctReference.Transform(coefficients, quantization, precision, reference, 8);

        Assert.All(reference, value => Assert.Equal(value, InverseDct.DcOnlyValue(dc, quantizer, precision)));
    }

    [Fact]
    public void Reference_ReproducesAKnownIslowResult()
    {
        // One AC coefficient at (0,1) of 10 with quantiser 1: libjpeg's islow gives a horizontal cosine ramp.
        var coefficients = new short[64];
        coefficients[1] = 10;
        var output = new int[64];

        InverseDctReference.Transform(coefficients, Enumerable.Repeat(1, 64).ToArray(), 8, output, 8);

        // Expected: 128 + round(10 / 8 * sqrt(2) * cos((2x+1) pi / 16)) per column, the same on every row.
        for (var x = 0; x < 8; x++)
        {
            var expected = 128 + Math.Round(10.0 / 8 * Math.Sqrt(2) * Math.Cos((2 * x + 1) * Math.PI / 16), MidpointRounding.AwayFromZero);
            Assert.Equal(expected, output[x]);
            Assert.Equal(output[x], output[56 + x]);
        }
    }
}
