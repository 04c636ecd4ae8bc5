using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Tests.Kernels;

/// <summary>
/// Scalar definition of a symmetric-support 1-D convolution along rows or columns with replicated edges;
/// <see cref="SeparableFilter"/> must match it. <c>taps</c> has odd length <c>2r + 1</c>, centred on its middle.
/// </summary>
internal static class SeparableFilterReference
{
    /// <summary>Filters each row of <paramref name="width"/> pixels of <paramref name="channels"/> interleaved samples.</summary>
    public static void Horizontal(ReadOnlySpan<float> source, int width, int rows, int channels, ReadOnlySpan<float> taps, Span<float> destination)
    {
        var radius = taps.Length / 2;
        var rowLength = width * channels;
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var sum = 0f;
                    for (var k = 0; k < taps.Length; k++)
                    {
                        var sx = Math.Clamp(x + k - radius, 0, width - 1);
                        sum += taps[k] * source[(y * rowLength) + (sx * channels) + c];
                    }

                    destination[(y * rowLength) + (x * channels) + c] = sum;
                }
            }
        }
    }

    /// <summary>Filters down the columns of <paramref name="rows"/> rows of <paramref name="rowLength"/> samples.</summary>
    public static void Vertical(ReadOnlySpan<float> source, int rowLength, int rows, ReadOnlySpan<float> taps, Span<float> destination)
    {
        var radius = taps.Length / 2;
        for (var y = 0; y < rows; y++)
        {
            for (var j = 0; j < rowLength; j++)
            {
                var sum = 0f;
                for (var k = 0; k < taps.Length; k++)
                {
                    var sy = Math.Clamp(y + k - radius, 0, rows - 1);
                    sum += taps[k] * source[(sy * rowLength) + j];
                }

                destination[(y * rowLength) + j] = sum;
            }
        }
    }
}
