namespace SpineKit.Imaging.Formats.Png;

/// <summary>The seven passes of Adam7 interlacing: where each starts and how far apart its pixels are.</summary>
internal static class Adam7
{
    private static ReadOnlySpan<byte> StartX => [0, 4, 0, 2, 0, 1, 0];

    private static ReadOnlySpan<byte> StartY => [0, 0, 4, 0, 2, 0, 1];

    private static ReadOnlySpan<byte> StepX => [8, 8, 4, 4, 2, 2, 1];

    private static ReadOnlySpan<byte> StepY => [8, 8, 8, 4, 4, 2, 2];

    /// <summary>Pass <paramref name="pass"/> (0..6) of a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static PngPass Pass(int pass, int width, int height)
    {
        int x0 = StartX[pass], y0 = StartY[pass], dx = StepX[pass], dy = StepY[pass];
        var passWidth = width > x0 ? (width - x0 + dx - 1) / dx : 0;
        var passHeight = height > y0 ? (height - y0 + dy - 1) / dy : 0;
        return new PngPass(x0, y0, dx, dy, passWidth, passHeight);
    }
}
