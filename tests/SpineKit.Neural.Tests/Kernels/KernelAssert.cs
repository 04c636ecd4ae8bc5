namespace SpineKit.Neural.Tests.Kernels;

/// <summary>
/// Float comparisons against the double-precision references. The allowed error of each element is
/// proportional to the sum of the magnitudes of its products (what the reference returns when fed absolute
/// values), which bounds float32 rounding for any summation order.
/// </summary>
internal static class KernelAssert
{
    /// <summary>Relative tolerance against the magnitude sum: float32 epsilon times a generous summation-depth factor.</summary>
    public const double Tolerance = 2e-5;

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, ReadOnlySpan<float> magnitude, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = (Tolerance * magnitude[i]) + 1e-30;
            var error = Math.Abs((double)expected[i] - actual[i]);
            if (!(error <= bound))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, reference {expected[i]:R} (error {error:E3} > bound {bound:E3}).");
            }
        }
    }

    public static float[] RandomArray(Random random, int length, double zeroFraction = 0)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.NextDouble() < zeroFraction ? 0f : (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    public static float[] Abs(ReadOnlySpan<float> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Abs(values[i]);
        }

        return result;
    }
}
