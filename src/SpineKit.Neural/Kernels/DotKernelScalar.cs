namespace SpineKit.Neural.Kernels;

/// <summary>Portable weight-gradient tile, and the pixel tails the vector tiles leave over.</summary>
internal static unsafe class DotKernelScalar
{
    /// <summary>Writes the 16 dot products of <paramref name="tile"/> (row-major 4 x 4) to <paramref name="result"/>.</summary>
    public static void Run(DotTile* tile, float* result)
    {
        new Span<float>(result, DotTile.Size * DotTile.Size).Clear();
        for (var y = 0; y < tile->Rows; y++)
        {
            Accumulate(tile->A, tile->B, y, tile->AStride, tile->BStride, 0, tile->Width, result);
        }
    }

    /// <summary>Adds the products of pixels <paramref name="x0"/> .. <paramref name="x1"/> of output row <paramref name="y"/> to <paramref name="sums"/>.</summary>
    public static void Accumulate(long* a, long* b, int y, int aStride, int bStride, int x0, int x1, float* sums)
    {
        for (var i = 0; i < DotTile.Size; i++)
        {
            var aRow = (float*)a[i] + ((long)y * aStride);
            for (var j = 0; j < DotTile.Size; j++)
            {
                var bRow = (float*)b[j] + ((long)y * bStride);
                var sum = sums[(i * DotTile.Size) + j];
                for (var x = x0; x < x1; x++)
                {
                    sum += aRow[x] * bRow[x];
                }

                sums[(i * DotTile.Size) + j] = sum;
            }
        }
    }
}
