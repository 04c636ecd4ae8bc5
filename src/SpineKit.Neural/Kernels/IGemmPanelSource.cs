namespace SpineKit.Neural.Kernels;

/// <summary>
/// Supplies packed panels of the right-hand GEMM operand. Abstracting this lets a convolution feed image
/// pixels straight into the packed layout (an implicit im2col) instead of materialising the column matrix.
/// Implementations are structs so the JIT specialises and inlines the packing loop.
/// </summary>
internal unsafe interface IGemmPanelSource
{
    /// <summary>
    /// Writes rows <c>k0 .. k0+kc</c> of op(B), columns <c>n0 .. n0+31</c>, to <paramref name="panel"/> as
    /// <c>[kc][32]</c>; columns at or beyond the matrix width must be written as zero.
    /// </summary>
    void Pack(int k0, int kc, int n0, float* panel);

    /// <summary>
    /// When the 32 columns starting at <paramref name="n0"/> are contiguous in memory for every row, returns a
    /// base pointer such that row <c>k0 + p</c> of the strip starts at <c>base + rowOffsets[p]</c>, letting the
    /// micro-kernel read B in place instead of packing it; otherwise returns null.
    /// </summary>
    float* DirectRows(int k0, int n0, out int* rowOffsets);
}
