namespace SpineKit.Neural.Kernels;

/// <summary>The portable micro-kernel: the same packed 8 x 32 tile with plain float arithmetic, for CPUs without SIMD.</summary>
internal static unsafe class GemmKernelScalar
{
    /// <summary>Multiplies a packed A panel by a packed B panel over <paramref name="kc"/> steps and stores the epilogue (clamped at zero when <paramref name="relu"/>) into C.</summary>
    public static void Tile(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
    {
        var tile = stackalloc float[GemmTile.Rows * GemmTile.Columns];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < cols; j++)
            {
                var sum = 0f;
                for (var p = 0; p < kc; p++)
                {
                    sum += a[(p * GemmTile.Rows) + r] * b[(p * GemmTile.Columns) + j];
                }

                tile[(r * GemmTile.Columns) + j] = sum;
            }
        }

        GemmEpilogue.Apply(tile, c, ldc, rows, cols, alpha, beta, rowBias, relu);
    }
}
