namespace SpineKit.Neural.Kernels;

/// <summary>Portable weight-gradient tile, and the pixel tails the vector tiles leave over.</summary>
internal static unsafe class DotKernelScalar
{
    /// <summary>Writes the 24 dot products of <paramref name="tile"/> (row-major 4 x 6) to <paramref name="result"/>.</summary>
    public static void Run(DotTile* tile, float* result)
    {
        new Span<float>(result, DotTile.Channels * DotTile.Taps).Clear();
        for (var y = 0; y < tile->Rows; y++)
        {
            Accumulate(tile, y, 0, tile->Width, result);
        }
    }

    /// <summary>Adds the products of pixels <paramref name="x0"/> .. <paramref name="x1"/> of output row <paramref name="y"/> to <paramref name="sums"/>.</summary>
    public static void Accumulate(DotTile* tile, int y, int x0, int x1, float* sums)
    {
        for (var i = 0; i < DotTile.Channels; i++)
        {
            var aRow = (float*)tile->A[i] + ((long)y * tile->AStride);
            for (var j = 0; j < DotTile.Taps; j++)
            {
                var bRow = (float*)tile->B[j] + ((long)y * tile->BStride);
                var sum = sums[(i * DotTile.Taps) + j];
                for (var x = x0; x < x1; x++)
                {
                    sum += aRow[x] * bRow[x];
                }

                sums[(i * DotTile.Taps) + j] = sum;
            }
        }
    }
}
