namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>One colour component of a frame: its sampling, quantisation table, geometry and decoded data.</summary>
internal sealed class JpegComponent
{
    public required int Id { get; init; }

    /// <summary>Index of this component in the frame header.</summary>
    public required int Index { get; init; }

    public required int HorizontalFactor { get; init; }

    public required int VerticalFactor { get; init; }

    public required int QuantizationTableId { get; init; }

    /// <summary>Samples per row of the component itself: ceil(width * H / Hmax).</summary>
    public int Width { get; set; }

    /// <summary>Rows of the component itself: ceil(height * V / Vmax).</summary>
    public int Height { get; set; }

    /// <summary>Blocks (or, for lossless, samples) per row in a non-interleaved scan: ceil(Width / unit).</summary>
    public int WidthInBlocks { get; set; }

    /// <summary>Block rows (or sample rows) in a non-interleaved scan.</summary>
    public int HeightInBlocks { get; set; }

    /// <summary>Blocks per row of the storage, padded to whole MCUs of an interleaved scan.</summary>
    public int BlocksPerLine { get; set; }

    /// <summary>Block rows of the storage, padded to whole MCUs.</summary>
    public int BlocksPerColumn { get; set; }

    /// <summary>Row stride of <see cref="Samples"/>: BlocksPerLine times the block width (8, or 1 for lossless).</summary>
    public int Stride { get; set; }

    /// <summary>
    /// True when <see cref="Samples"/> is exactly Width x Height (the output image of a single-component frame)
    /// rather than padded to whole blocks, so blocks crossing the edges must be clipped.
    /// </summary>
    public bool IsClipped { get; set; }

    /// <summary>Decoded samples (byte[] for precision up to 8, ushort[] above), Stride x rows.</summary>
    public Array? Samples { get; set; }

    /// <summary>Quantised DCT coefficients of a progressive frame, 64 per block, blocks row-major.</summary>
    public short[]? Coefficients { get; set; }

    /// <summary>Reconstructed lossless samples before the point transform is undone, Stride x rows.</summary>
    public int[]? LosslessSamples { get; set; }

    /// <summary>The point transform of the last lossless scan that coded this component.</summary>
    public int PointTransform { get; set; }

    /// <summary>The DC predictor of the running scan.</summary>
    public int DcPredictor { get; set; }

    /// <summary>Huffman table selectors of the running scan.</summary>
    public int DcTableId { get; set; }

    /// <summary>AC table selector of the running scan.</summary>
    public int AcTableId { get; set; }
}
