namespace SpineKit.Neural.Kernels;

/// <summary>
/// The 4 x 4 tile of the weight-gradient kernels: dot products of four output-gradient rows with four
/// kernel-tap rows over a block of output rows. Both operands are contiguous along the pixels, so the
/// reduction runs along the vector lanes and needs no packing; 16 accumulators hide the FMA latency and
/// each 16-pixel step issues 16 FMAs against 8 loads.
/// </summary>
internal unsafe struct DotTile
{
    /// <summary>Tile edge: output channels and kernel taps per tile.</summary>
    public const int Size = 4;

    /// <summary>First pixel of each of the four gradient rows for the first output row of the block.</summary>
    public fixed long A[Size];

    /// <summary>First pixel of each of the four tap rows for the first output row of the block.</summary>
    public fixed long B[Size];

    /// <summary>Floats between successive output rows in the gradient rows.</summary>
    public int AStride;

    /// <summary>Floats between successive output rows in the tap rows.</summary>
    public int BStride;

    /// <summary>Output rows in the block.</summary>
    public int Rows;

    /// <summary>Pixels per output row.</summary>
    public int Width;
}
