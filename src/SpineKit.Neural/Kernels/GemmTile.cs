namespace SpineKit.Neural.Kernels;

/// <summary>
/// The register tile every GEMM path shares. A is packed in panels of <see cref="Rows"/> rows, B in panels
/// of <see cref="Columns"/> columns, both interleaved by k, so a micro-kernel reads each operand strictly
/// sequentially. 8 x 32 is two 512-bit vectors per row: 16 accumulators + 2 B vectors + 1 broadcast fit
/// the 32 zmm registers with room to spare, and each k step issues 16 FMAs against 10 loads, which keeps
/// the FMA pipes (the bottleneck on a 2-core AVX-512 part) busy. The 256-bit and scalar paths walk the same
/// packed layout in smaller pieces, so packing code is shared by all three.
/// </summary>
internal static class GemmTile
{
    /// <summary>Rows of C per micro-tile (rows of an A panel).</summary>
    public const int Rows = 8;

    /// <summary>Columns of C per micro-tile (columns of a B panel).</summary>
    public const int Columns = 32;

    /// <summary>
    /// Largest k block. A B panel is <c>KBlock * 32 * 4</c> = 24 KiB, which stays in the 32 KiB L1 while every
    /// A panel of the current row block streams past it from L2; C is read and written once per block.
    /// </summary>
    public const int MaxKBlock = 192;

    /// <summary>Rows of A per outer block: <c>256 * 192 * 4</c> = 192 KiB of packed A stays in the 1 MiB L2.</summary>
    public const int RowBlock = 256;

    /// <summary>Splits <paramref name="k"/> into equal blocks no larger than <see cref="MaxKBlock"/>.</summary>
    public static int KBlock(int k) => k <= MaxKBlock ? k : (k + ((k + MaxKBlock - 1) / MaxKBlock) - 1) / ((k + MaxKBlock - 1) / MaxKBlock);
}
