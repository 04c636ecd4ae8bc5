namespace SpineKit.Neural.Kernels;

/// <summary>
/// Writes a finished 8 x 32 accumulator tile (row-major in <c>tile</c>) into C:
/// <c>C = alpha * tile + bias[row] + beta * C</c>, touching only the valid <c>rows x cols</c> corner so edge
/// tiles never write outside C. When beta is zero C is not read, so garbage or NaN in C cannot leak in. With
/// <c>relu</c> the result is clamped at zero (NaN stays NaN) as it is stored.
/// </summary>
internal static unsafe class GemmEpilogue
{
    /// <summary>Applies the epilogue element by element; used by the scalar path and for edge tiles.</summary>
    public static void Apply(float* tile, float* c, int ldc, int rows, int cols, float alpha, float beta, float* rowBias, bool relu)
    {
        for (var r = 0; r < rows; r++)
        {
            var bias = rowBias == null ? 0f : rowBias[r];
            var source = tile + (r * GemmTile.Columns);
            var target = c + ((long)r * ldc);
            if (beta == 0)
            {
                for (var j = 0; j < cols; j++)
                {
                    target[j] = (alpha * source[j]) + bias;
                }
            }
            else
            {
                for (var j = 0; j < cols; j++)
                {
                    target[j] = (alpha * source[j]) + bias + (beta * target[j]);
                }
            }

            if (relu)
            {
                for (var j = 0; j < cols; j++)
                {
                    // As the vector maximum: NaN propagates, and max(-0, 0) is +0.
                    target[j] = float.IsNaN(target[j]) ? target[j] : target[j] > 0 ? target[j] : 0f;
                }
            }
        }
    }
}
