namespace SpineKit.Imaging.Formats.Png;

/// <summary>One sub-image of the scanline data: its size and where its pixels land in the full image.</summary>
internal readonly record struct PngPass(int StartX, int StartY, int StepX, int StepY, int Width, int Height)
{
    /// <summary>The whole image as a single pass (no interlacing).</summary>
    public static PngPass Full(int width, int height) => new(0, 0, 1, 1, width, height);

    /// <summary>True when the pass holds no pixels (and therefore no scanlines in the stream).</summary>
    public bool IsEmpty => Width == 0 || Height == 0;
}
