using System.Numerics;

namespace SpineKit.Detection.Codecs;

/// <summary>
/// Converts between vertebra corners in network-input pixels and the network's output grid: a centre
/// heatmap (one Gaussian per vertebra, peak 1 at the cell holding its centre) and per-cell offsets to
/// the four corners, supervised in the 3x3 cells around each peak so a peak found one cell off still
/// decodes well. Cell (i, j) has its centre at input pixel ((j + 0.5) * stride, (i + 0.5) * stride).
/// With a level channel, the same cells also carry the vertebra's position in the chain (0 for the
/// first level), scaled by <see cref="LevelScale"/>.
/// </summary>
internal sealed class VertebraCenterCodec
{
    /// <summary>
    /// Level targets are the level index times this: it keeps them in the range of the corner offsets,
    /// so one L1 weight suits both.
    /// </summary>
    public const float LevelScale = 0.25f;

    /// <summary>Creates a codec for an output grid of <paramref name="width"/> x <paramref name="height"/> cells.</summary>
    public VertebraCenterCodec(int width, int height, int stride, bool levelChannel = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        Width = width;
        Height = height;
        Stride = stride;
        LevelChannel = levelChannel;
    }

    /// <summary>Whether outputs carry the level channel after the eight offset planes.</summary>
    public bool LevelChannel { get; }

    /// <summary>Channels per output cell: heat, eight offsets, and the level when present.</summary>
    public int Channels => LevelChannel ? 10 : 9;

    /// <summary>Output grid width in cells.</summary>
    public int Width { get; }

    /// <summary>Output grid height in cells.</summary>
    public int Height { get; }

    /// <summary>Input pixels per cell.</summary>
    public int Stride { get; }

    /// <summary>Minimum heat a local maximum needs to become a candidate.</summary>
    public float PeakThreshold { get; init; } = 0.05f;

    /// <summary>
    /// Builds the targets for vertebrae given as consecutive groups of four corners (tl, tr, bl, br) in
    /// input pixels, in level order (the group's index is its level index). Vertebrae whose centre falls
    /// outside the grid are skipped.
    /// </summary>
    public VertebraTargets Encode(ReadOnlySpan<Vector2> corners)
    {
        if (corners.Length % 4 != 0)
        {
            throw new ArgumentException("Corners come in groups of four per vertebra.", nameof(corners));
        }

        var plane = Width * Height;
        var heat = new float[plane];
        var offsets = new float[8 * plane];
        var weights = new float[plane];
        var levels = new float[plane];
        for (var v = 0; v < corners.Length / 4; v++)
        {
            var group = corners.Slice(v * 4, 4);
            var centre = ToCells((group[0] + group[1] + group[2] + group[3]) / 4f);
            var peakX = (int)MathF.Round(centre.X);
            var peakY = (int)MathF.Round(centre.Y);
            if (peakX < 0 || peakY < 0 || peakX >= Width || peakY >= Height)
            {
                continue;
            }

            var widthCells = (Vector2.Distance(group[0], group[1]) + Vector2.Distance(group[2], group[3])) / (2f * Stride);
            var heightCells = (Vector2.Distance(group[0], group[2]) + Vector2.Distance(group[1], group[3])) / (2f * Stride);
            DrawGaussian(heat, peakX, peakY, MathF.Max(0.7f, widthCells / 8f), MathF.Max(0.7f, heightCells / 8f));

            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    int x = peakX + dx, y = peakY + dy;
                    if (x < 0 || y < 0 || x >= Width || y >= Height)
                    {
                        continue;
                    }

                    // The peak cell owns its offsets outright; a neighbour keeps the nearest vertebra's.
                    var index = (y * Width) + x;
                    var weight = dx == 0 && dy == 0 ? 1f : 0.5f;
                    if (weights[index] >= weight)
                    {
                        continue;
                    }

                    weights[index] = weight;
                    levels[index] = v * LevelScale;
                    for (var c = 0; c < 4; c++)
                    {
                        var target = ToCells(group[c]);
                        offsets[((2 * c) * plane) + index] = target.X - x;
                        offsets[((2 * c + 1) * plane) + index] = target.Y - y;
                    }
                }
            }
        }

        return new VertebraTargets(Width, Height, heat, offsets, weights, levels);
    }

    /// <summary>
    /// Finds every local maximum (3x3) of the centre heat above <see cref="PeakThreshold"/> in one image's
    /// output (<c><see cref="Channels"/> x Height x Width</c>, channel 0 logits) and decodes its corners
    /// (and level, with a level channel), best score first.
    /// </summary>
    public List<VertebraCandidate> Decode(ReadOnlySpan<float> output) => Decode(output, PeakThreshold);

    /// <summary>As <see cref="Decode(ReadOnlySpan{float})"/> with an explicit threshold (0 keeps every local maximum).</summary>
    public List<VertebraCandidate> Decode(ReadOnlySpan<float> output, float threshold)
    {
        var plane = Width * Height;
        if (output.Length != Channels * plane)
        {
            throw new ArgumentException($"Expected {Channels * plane} values ({Channels} x {Height} x {Width}), got {output.Length}.", nameof(output));
        }

        var logits = output[..plane];
        var candidates = new List<VertebraCandidate>();
        var thresholdLogit = threshold <= 0 ? float.NegativeInfinity : MathF.Log(threshold / (1 - threshold));
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var value = logits[(y * Width) + x];
                if (value < thresholdLogit || !IsLocalMaximum(logits, x, y, value))
                {
                    continue;
                }

                var corners = new Vector2[4];
                for (var c = 0; c < 4; c++)
                {
                    var dx = output[((1 + (2 * c)) * plane) + (y * Width) + x];
                    var dy = output[((2 + (2 * c)) * plane) + (y * Width) + x];
                    corners[c] = FromCells(new Vector2(x + dx, y + dy));
                }

                var level = LevelChannel ? output[(9 * plane) + (y * Width) + x] / LevelScale : float.NaN;
                candidates.Add(new VertebraCandidate(1f / (1f + MathF.Exp(-value)), corners) { Level = level });
            }
        }

        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        return candidates;
    }

    /// <summary>Input pixels to continuous cell coordinates (cell centres at integers).</summary>
    public Vector2 ToCells(Vector2 inputPixel) => (inputPixel / Stride) - new Vector2(0.5f);

    /// <summary>Continuous cell coordinates back to input pixels.</summary>
    public Vector2 FromCells(Vector2 cell) => (cell + new Vector2(0.5f)) * Stride;

    private bool IsLocalMaximum(ReadOnlySpan<float> logits, int x, int y, float value)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= Width || ny >= Height)
                {
                    continue;
                }

                // Ties go to the first cell in raster order so a plateau yields one peak.
                var neighbour = logits[(ny * Width) + nx];
                if (neighbour > value || (neighbour == value && (ny * Width) + nx < (y * Width) + x))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void DrawGaussian(float[] heat, int peakX, int peakY, float sigmaX, float sigmaY)
    {
        var radiusX = (int)MathF.Ceiling(3 * sigmaX);
        var radiusY = (int)MathF.Ceiling(3 * sigmaY);
        for (var y = Math.Max(0, peakY - radiusY); y <= Math.Min(Height - 1, peakY + radiusY); y++)
        {
            for (var x = Math.Max(0, peakX - radiusX); x <= Math.Min(Width - 1, peakX + radiusX); x++)
            {
                float ex = (x - peakX) / sigmaX, ey = (y - peakY) / sigmaY;
                var value = MathF.Exp(-0.5f * ((ex * ex) + (ey * ey)));
                var index = (y * Width) + x;
                heat[index] = MathF.Max(heat[index], value);
            }
        }
    }
}
