using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Brings a subsampled component to full image resolution the way libjpeg-turbo does by default: "fancy"
/// triangle-filter upsampling for 2x1, 1x2 and 2x2 factors (edge rows and columns replicated), plain
/// replication for every other integer factor.
/// </summary>
internal static class Upsampler
{
    /// <summary>Fills <paramref name="output"/> (width x height, tightly packed) from the component plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Upsample<T>(
        ReadOnlySpan<T> plane, int stride, int componentWidth, int componentHeight, int factorX, int factorY,
        Span<T> output, int width, int height)
        where T : unmanaged, IBinaryInteger<T>
    {
        var fancy = componentWidth > 2;
        var scratch = new int[2 * componentWidth];
        if (factorX == 1 && factorY == 1)
        {
            for (var y = 0; y < height; y++)
            {
                plane.Slice(y * stride, width).CopyTo(output.Slice(y * width, width));
            }
        }
        else if (fancy && factorX == 2 && factorY == 1)
        {
            for (var y = 0; y < height; y++)
            {
                HorizontalFancy(plane.Slice(y * stride, componentWidth), output.Slice(y * width, width), scratch);
            }
        }
        else if (fancy && factorX == 2 && factorY == 2)
        {
            Span<int> columnSums = new int[componentWidth];
            for (var y = 0; y < height; y++)
            {
                var (near, far) = Rows(y, componentHeight);
                var nearRow = plane.Slice(near * stride, componentWidth);
                var farRow = plane.Slice(far * stride, componentWidth);
                for (var x = 0; x < componentWidth; x++)
                {
                    columnSums[x] = (int.CreateTruncating(nearRow[x]) * 3) + int.CreateTruncating(farRow[x]);
                }

                TwoDimensionalFancy(columnSums, output.Slice(y * width, width), scratch);
            }
        }
        else if (fancy && factorX == 1 && factorY == 2)
        {
            for (var y = 0; y < height; y++)
            {
                var (near, far) = Rows(y, componentHeight);
                var bias = (y & 1) == 0 ? 1 : 2;
                var nearRow = plane.Slice(near * stride, componentWidth);
                var farRow = plane.Slice(far * stride, componentWidth);
                var target = output.Slice(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    target[x] = T.CreateTruncating(((int.CreateTruncating(nearRow[x]) * 3) + int.CreateTruncating(farRow[x]) + bias) >> 2);
                }
            }
        }
        else
        {
            for (var y = 0; y < height; y++)
            {
                var source = plane.Slice(y / factorY * stride);
                var target = output.Slice(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    target[x] = source[x / factorX];
                }
            }
        }
    }

    /// <summary>The nearest and next-nearest component rows of output row <paramref name="y"/> for 2x vertical.</summary>
    private static (int Near, int Far) Rows(int y, int componentHeight)
    {
        var near = Math.Min(y >> 1, componentHeight - 1);
        var far = (y & 1) == 0 ? near - 1 : near + 1;
        return (near, Math.Clamp(far, 0, componentHeight - 1));
    }

    private static void HorizontalFancy<T>(ReadOnlySpan<T> input, Span<T> output, Span<int> row)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = input.Length;
        var first = int.CreateTruncating(input[0]);
        row[0] = first;
        row[1] = ((first * 3) + int.CreateTruncating(input[1]) + 2) >> 2;
        for (var i = 1; i < n - 1; i++)
        {
            var value = int.CreateTruncating(input[i]) * 3;
            row[2 * i] = (value + int.CreateTruncating(input[i - 1]) + 1) >> 2;
            row[(2 * i) + 1] = (value + int.CreateTruncating(input[i + 1]) + 2) >> 2;
        }

        var last = int.CreateTruncating(input[n - 1]);
        row[(2 * n) - 2] = ((last * 3) + int.CreateTruncating(input[n - 2]) + 1) >> 2;
        row[(2 * n) - 1] = last;
        for (var x = 0; x < output.Length; x++)
        {
            output[x] = T.CreateTruncating(row[x]);
        }
    }

    private static void TwoDimensionalFancy<T>(ReadOnlySpan<int> sums, Span<T> output, Span<int> row)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = sums.Length;
        row[0] = ((sums[0] * 4) + 8) >> 4;
        row[1] = ((sums[0] * 3) + sums[1] + 7) >> 4;
        for (var i = 1; i < n - 1; i++)
        {
            row[2 * i] = ((sums[i] * 3) + sums[i - 1] + 8) >> 4;
            row[(2 * i) + 1] = ((sums[i] * 3) + sums[i + 1] + 7) >> 4;
        }

        row[(2 * n) - 2] = ((sums[n - 1] * 3) + sums[n - 2] + 8) >> 4;
        row[(2 * n) - 1] = ((sums[n - 1] * 4) + 7) >> 4;
        for (var x = 0; x < output.Length; x++)
        {
            output[x] = T.CreateTruncating(row[x]);
        }
    }
}
