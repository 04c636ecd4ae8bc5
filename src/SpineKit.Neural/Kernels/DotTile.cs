namespace SpineKit.Neural.Kernels;

/// <summary>
/// The 4 x 6 tile of the weight-gradient kernels: dot products of four output-gradient rows with six
/// kernel-tap rows over a block of output rows. Both operands are contiguous along the pixels, so the
/// reduction runs along the vector lanes and needs no packing. Consecutive tiles share their tap rows (L1)
/// and stream the gradient rows from L2, so the tile is wider in taps: each 16-pixel step issues 24 FMAs
/// against 4 L2 loads and 6 L1 loads, and 24 accumulators + 4 gradient vectors + 1 tap vector fit the 32
/// zmm registers.
/// </summary>
internal unsafe struct DotTile
{
    /// <summary>Output channels (gradient rows) per tile.</summary>
    public const int Channels = 4;

    /// <summary>Kernel taps (input rows) per tile.</summary>
    public const int Taps = 6;

    /// <summary>First pixel of each gradient row for the first output row of the block.</summary>
    public fixed long A[Channels];

    /// <summary>First pixel of each tap row for the first output row of the block.</summary>
    public fixed long B[Taps];

    /// <summary>Floats between successive output rows in the gradient rows.</summary>
    public int AStride;

    /// <summary>Floats between successive output rows in the tap rows.</summary>
    public int BStride;

    /// <summary>Output rows in the block.</summary>
    public int Rows;

    /// <summary>Pixels per output row.</summary>
    public int Width;
}
