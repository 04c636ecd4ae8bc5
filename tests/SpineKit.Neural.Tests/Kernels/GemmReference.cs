using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>The plain triple loop that defines what <see cref="Gemm"/> must compute; tests compare against it.</summary>
internal static class GemmReference
{
    /// <summary>Computes <c>C = alpha * op(A) * op(B) + beta * C</c> one dot product at a time, in double.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bv = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)av * bv;
                }

                var previous = beta == 0 ? 0 : beta * c[(i * ldc) + j];
                c[(i * ldc) + j] = (float)((alpha * sum) + previous);
            }
        }
    }
}
