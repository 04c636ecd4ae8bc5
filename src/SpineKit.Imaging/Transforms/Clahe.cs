namespace SpineKit.Imaging.Transforms;

/// <summary>
/// Contrast-limited adaptive histogram equalisation of a single-channel [0, 1] image on 256 levels, following
/// OpenCV's <c>createCLAHE</c>: the image is cut into a grid of tiles (padded by mirroring, <c>dcb|abcd</c>, up to
/// a multiple of the grid), each tile's histogram is clipped at <c>max(1, clipLimit * tileArea / 256)</c> with
/// the excess spread evenly over all levels, its cumulative histogram becomes a lookup table, and every pixel
/// blends the tables of the four nearest tile centres bilinearly. Tables hold whole levels as OpenCV's do; the
/// blend is returned unrounded (<c>/ 255</c>), so <see cref="ImageConversion.ToByte"/> reproduces OpenCV's bytes.
/// </summary>
public static class Clahe
{
    /// <summary>Equalises <paramref name="source"/> with a <paramref name="tilesX"/> x <paramref name="tilesY"/> grid.</summary>
    /// <param name="source">A single-channel image with samples in [0, 1].</param>
    /// <param name="clipLimit">Relative clip limit (OpenCV's default is 40; 0 disables clipping, which is plain tile-wise equalisation).</param>
    /// <param name="tilesX">Tiles across (OpenCV's default grid is 8 x 8).</param>
    /// <param name="tilesY">Tiles down.</param>
    public static Image<float> Apply(Image<float> source, double clipLimit = 40, int tilesX = 8, int tilesY = 8)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Channels != 1)
        {
            throw new ArgumentException($"CLAHE works on single-channel images, not {source.Channels} channels.", nameof(source));
        }

        if (!(clipLimit >= 0 && double.IsFinite(clipLimit)))
        {
            throw new ArgumentOutOfRangeException(nameof(clipLimit), clipLimit, "The clip limit must be a finite number at least 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(tilesX, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tilesY, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tilesX, source.Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tilesY, source.Height);

        var levels = IntensityLevels.Quantise(source);
        var tileWidth = (source.Width + tilesX - 1) / tilesX;
        var tileHeight = (source.Height + tilesY - 1) / tilesY;
        var luts = BuildTables(levels, source.Width, source.Height, tilesX, tilesY, tileWidth, tileHeight, clipLimit);
        return Interpolate(levels, source.Width, source.Height, tilesX, tilesY, tileWidth, tileHeight, luts);
    }

    private static byte[] BuildTables(byte[] levels, int width, int height, int tilesX, int tilesY, int tileWidth, int tileHeight, double clipLimit)
    {
        const int bins = IntensityLevels.Count;
        var area = tileWidth * tileHeight;
        var clip = clipLimit > 0 ? Math.Max(1, (int)(clipLimit * area / bins)) : int.MaxValue;
        var lutScale = (bins - 1f) / area;
        var luts = new byte[tilesX * tilesY * bins];
        var histogram = new int[bins];
        for (var ty = 0; ty < tilesY; ty++)
        {
            for (var tx = 0; tx < tilesX; tx++)
            {
                Array.Clear(histogram);
                for (var y = ty * tileHeight; y < (ty + 1) * tileHeight; y++)
                {
                    var row = BorderIndex.Resolve(y, height, BorderMode.Reflect) * width;
                    for (var x = tx * tileWidth; x < (tx + 1) * tileWidth; x++)
                    {
                        histogram[levels[row + BorderIndex.Resolve(x, width, BorderMode.Reflect)]]++;
                    }
                }

                ClipAndRedistribute(histogram, clip);
                var lut = luts.AsSpan(((ty * tilesX) + tx) * bins, bins);
                var sum = 0;
                for (var i = 0; i < bins; i++)
                {
                    sum += histogram[i];
                    lut[i] = (byte)Math.Min(255, MathF.Round(sum * lutScale));
                }
            }
        }

        return luts;
    }

    private static void ClipAndRedistribute(int[] histogram, int clip)
    {
        var excess = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            if (histogram[i] > clip)
            {
                excess += histogram[i] - clip;
                histogram[i] = clip;
            }
        }

        if (excess == 0)
        {
            return;
        }

        var batch = excess / histogram.Length;
        var residual = excess - (batch * histogram.Length);
        for (var i = 0; i < histogram.Length; i++)
        {
            histogram[i] += batch;
        }

        // The remainder goes one count each to levels spread evenly from the bottom, as OpenCV does.
        var step = Math.Max(histogram.Length / Math.Max(residual, 1), 1);
        for (var i = 0; i < histogram.Length && residual > 0; i += step, residual--)
        {
            histogram[i]++;
        }
    }

    private static Image<float> Interpolate(byte[] levels, int width, int height, int tilesX, int tilesY, int tileWidth, int tileHeight, byte[] luts)
    {
        const int bins = IntensityLevels.Count;
        var result = new Image<float>(width, height);
        var left = new int[width];
        var right = new int[width];
        var weightRight = new float[width];
        var inverseWidth = 1f / tileWidth;
        for (var x = 0; x < width; x++)
        {
            // OpenCV places pixel x at tile coordinate x / tileSize (not the PixelGrid centre x + 0.5); kept so
            // results match it level for level. Outside the outer tile centres the nearest table is used alone.
            var position = (x * inverseWidth) - 0.5f;
            var t = (int)MathF.Floor(position);
            weightRight[x] = position - t;
            left[x] = Math.Max(t, 0) * bins;
            right[x] = Math.Min(t + 1, tilesX - 1) * bins;
        }

        var inverseHeight = 1f / tileHeight;
        for (var y = 0; y < height; y++)
        {
            var position = (y * inverseHeight) - 0.5f;
            var t = (int)MathF.Floor(position);
            var weightBottom = position - t;
            var top = Math.Max(t, 0) * tilesX * bins;
            var bottom = Math.Min(t + 1, tilesY - 1) * tilesX * bins;
            for (var x = 0; x < width; x++)
            {
                var level = levels[(y * width) + x];
                var xa = weightRight[x];
                var upper = (luts[top + left[x] + level] * (1 - xa)) + (luts[top + right[x] + level] * xa);
                var lower = (luts[bottom + left[x] + level] * (1 - xa)) + (luts[bottom + right[x] + level] * xa);
                result.Pixels[(y * width) + x] = ((upper * (1 - weightBottom)) + (lower * weightBottom)) / 255f;
            }
        }

        return result;
    }
}
