namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>The coding process a JPEG frame declares in its SOF marker.</summary>
public enum JpegProcess
{
    /// <summary>Baseline sequential DCT, Huffman coded, 8-bit (SOF0).</summary>
    Baseline,

    /// <summary>Extended sequential DCT, Huffman coded, 8 or 12-bit (SOF1).</summary>
    ExtendedSequential,

    /// <summary>Progressive DCT, Huffman coded, 8 or 12-bit (SOF2).</summary>
    Progressive,

    /// <summary>Lossless predictive coding, Huffman coded, 2 to 16-bit (SOF3, process 14).</summary>
    Lossless,
}
