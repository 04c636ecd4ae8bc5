using System.Numerics.Tensors;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// A simple row-streaming GEMM: each row of C is built as a sum of scaled rows of op(B), which keeps the inner
/// loop a contiguous vector multiply-add. Kept as an independent second implementation for the tests.
/// </summary>
internal static class GemmBlocked
{
    /// <summary>Same contract as <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>; arguments are assumed validated.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0)
            {
                row.Clear();
            }
            else if (beta != 1)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }

        if (k == 0 || alpha == 0)
        {
            return;
        }

        // Rows of op(B) must be contiguous for the vector loop, so a transposed B is copied once.
        float[]? copy = null;
        var rowsOfB = b;
        var strideB = ldb;
        if (transposeB)
        {
            copy = new float[k * n];
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    copy[(p * n) + j] = b[(j * ldb) + p];
                }
            }

            rowsOfB = copy;
            strideB = n;
        }

        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            for (var p = 0; p < k; p++)
            {
                var scale = alpha * (transposeA ? a[(p * lda) + i] : a[(i * lda) + p]);
                TensorPrimitives.MultiplyAdd(rowsOfB.Slice(p * strideB, n), scale, row, row);
            }
        }
    }
}
