namespace SpineKit.Neural.Kernels;

/// <summary>
/// Single-precision matrix multiply, the workhorse of convolutions and linear layers:
/// <c>C = alpha * op(A) * op(B) + beta * C</c> with row-major storage and leading dimensions.
/// <c>op(A)</c> is M x K (A is stored K x M when transposed), <c>op(B)</c> is K x N.
/// </summary>
internal static class Gemm
{
    /// <summary>Computes <c>C = alpha * op(A) * op(B) + beta * C</c>.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, KernelOptions.Default);

    /// <summary>
    /// Computes <c>C = alpha * op(A) * op(B) + beta * C</c> with an explicit thread budget and SIMD path.
    /// When <paramref name="beta"/> is zero, C is not read (NaNs in it do not propagate).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative or a span is too short for its shape.</exception>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        GemmShape.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        unsafe
        {
            fixed (float* aPointer = a, bPointer = b, cPointer = c)
            {
                var panels = new GemmMatrixPanels(bPointer, ldb, n, transposeB);
                PackedGemm.Multiply(m, n, k, alpha, aPointer, lda, transposeA, panels, beta, cPointer, ldc, null, options);
            }
        }
    }
}
