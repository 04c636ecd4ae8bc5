namespace SpineKit.Imaging.Morphology;

/// <summary>
/// Binary erosion and dilation of single-channel masks by a disc (every offset within a Euclidean
/// <c>radius</c>). Any non-zero pixel is foreground; results hold 0 and 255. Outside the image counts as
/// background for dilation and as foreground for erosion, so an object touching the border is not eaten
/// away from there (the convention of OpenCV's defaults).
/// </summary>
public static class BinaryMorphology
{
    /// <summary>The largest radius accepted; beyond it a disc is rarely what was meant and the cost grows quadratically.</summary>
    public const int MaxRadius = 256;

    /// <summary>Foreground pixels whose whole disc of <paramref name="radius"/> is foreground stay foreground.</summary>
    public static Image<byte> Erode(Image<byte> mask, int radius) => Apply(mask, radius, erode: true);

    /// <summary>Pixels with any foreground pixel within <paramref name="radius"/> become foreground.</summary>
    public static Image<byte> Dilate(Image<byte> mask, int radius) => Apply(mask, radius, erode: false);

    /// <summary>Erosion then dilation by the same radius: removes specks and thin bridges, keeps the rest.</summary>
    public static Image<byte> Open(Image<byte> mask, int radius) => Dilate(Erode(mask, radius), radius);

    /// <summary>Dilation then erosion by the same radius: fills small holes and gaps.</summary>
    public static Image<byte> Close(Image<byte> mask, int radius) => Erode(Dilate(mask, radius), radius);

    /// <summary>The half-widths of the disc's rows: row <c>dy</c> (from <c>-radius</c>) spans <c>[-w, w]</c>.</summary>
    internal static int[] DiscHalfWidths(int radius)
    {
        var widths = new int[(2 * radius) + 1];
        for (var dy = -radius; dy <= radius; dy++)
        {
            widths[dy + radius] = (int)Math.Floor(Math.Sqrt(((double)radius * radius) - ((double)dy * dy)) + 1e-9);
        }

        return widths;
    }

    private static Image<byte> Apply(Image<byte> mask, int radius, bool erode)
    {
        RequireMask(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(radius, MaxRadius);
        int width = mask.Width, height = mask.Height;
        var output = new Image<byte>(width, height);
        var halfWidths = DiscHalfWidths(radius);

        // Per row, a prefix count of the pixels that decide the result (foreground for dilation,
        // background for erosion), so each row of the disc is one range query.
        var prefix = new int[height * (width + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = mask.Row(y);
            var offset = y * (width + 1);
            for (var x = 0; x < width; x++)
            {
                var counts = erode ? row[x] == 0 : row[x] != 0;
                prefix[offset + x + 1] = prefix[offset + x] + (counts ? 1 : 0);
            }
        }

        Parallel.For(0, height, y =>
        {
            var target = output.Row(y);
            for (var x = 0; x < width; x++)
            {
                var hit = false;
                for (var dy = -radius; dy <= radius && !hit; dy++)
                {
                    var sy = y + dy;
                    if ((uint)sy >= (uint)height)
                    {
                        continue;
                    }

                    var w = halfWidths[dy + radius];
                    var left = Math.Max(0, x - w);
                    var right = Math.Min(width - 1, x + w);
                    var offset = sy * (width + 1);
                    hit = prefix[offset + right + 1] - prefix[offset + left] > 0;
                }

                target[x] = (byte)(hit != erode ? 255 : 0);
            }
        });
        return output;
    }

    internal static void RequireMask(Image<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Channels != 1)
        {
            throw new ArgumentException($"Masks have one channel, not {mask.Channels}.", nameof(mask));
        }
    }
}
