namespace SpineKit.Neural.Kernels;

/// <summary>Argument checks shared by the GEMM entry points, so every path rejects bad shapes the same way.</summary>
internal static class GemmShape
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the dimensions, leading dimensions and span lengths fit.</summary>
    public static void Validate(
        bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"GEMM dimensions must be non-negative, got m={m}, n={n}, k={k}.");
        }

        // Stored shapes: A is m x k (k x m when transposed), B is k x n (n x k when transposed), C is m x n.
        CheckMatrix("A", transposeA ? k : m, transposeA ? m : k, aLength, lda);
        CheckMatrix("B", transposeB ? n : k, transposeB ? k : n, bLength, ldb);
        CheckMatrix("C", m, n, cLength, ldc);
    }

    private static void CheckMatrix(string name, int rows, int columns, int length, int leadingDimension)
    {
        if (leadingDimension < Math.Max(1, columns))
        {
            throw new ArgumentException($"GEMM leading dimension of {name} is {leadingDimension} but its rows hold {columns} values.");
        }

        if (rows > 0 && columns > 0 && ((long)(rows - 1) * leadingDimension) + columns > length)
        {
            throw new ArgumentException($"GEMM matrix {name} ({rows} x {columns}, leading dimension {leadingDimension}) needs more than the {length} values given.");
        }
    }
}
