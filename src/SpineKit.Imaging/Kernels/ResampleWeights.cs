using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Kernels;

/// <summary>
/// Precomputed 1-D resampling weights: destination sample <c>i</c> is
/// <c>sum over k &lt; TapCount of Weights[i * TapCount + k] * source[Start[i] + k]</c>. Every tap lies inside the
/// source (edges are handled when the weights are built), so the passes need no bounds logic.
/// </summary>
internal sealed class ResampleWeights
{
    private ResampleWeights(int sourceSize, int destinationSize, int tapCount, int[] start, float[] weights)
    {
        SourceSize = sourceSize;
        DestinationSize = destinationSize;
        TapCount = tapCount;
        Start = start;
        Weights = weights;
        WeightsByTap = new float[weights.Length];
        for (var i = 0; i < destinationSize; i++)
        {
            for (var k = 0; k < tapCount; k++)
            {
                WeightsByTap[(k * destinationSize) + i] = weights[(i * tapCount) + k];
            }
        }
    }

    /// <summary>Length of the source axis.</summary>
    public int SourceSize { get; }

    /// <summary>Length of the destination axis.</summary>
    public int DestinationSize { get; }

    /// <summary>Taps per destination sample (zero-padded to the widest window).</summary>
    public int TapCount { get; }

    /// <summary>First source index of each destination sample's window.</summary>
    public int[] Start { get; }

    /// <summary>Weights, destination-major: <c>[i * TapCount + k]</c>.</summary>
    public float[] Weights { get; }

    /// <summary>The same weights, tap-major: <c>[k * DestinationSize + i]</c>, for kernels that vectorise over i.</summary>
    public float[] WeightsByTap { get; }

    /// <summary>Builds the weights mapping <paramref name="sourceSize"/> samples onto <paramref name="destinationSize"/>.</summary>
    public static ResampleWeights Create(int sourceSize, int destinationSize, ResizeMode mode, double bicubicCoefficient)
    {
        var scale = (double)sourceSize / destinationSize;
        var taps = new List<(int Index, double Weight)>[destinationSize];
        var widest = 1;
        for (var i = 0; i < destinationSize; i++)
        {
            var raw = mode switch
            {
                ResizeMode.Bilinear => Interpolating(i, scale, 1, Triangle),
                ResizeMode.Bicubic => Interpolating(i, scale, 2, x => Cubic(x, bicubicCoefficient)),
                ResizeMode.Area => AreaOverlap(i, scale, sourceSize),
                ResizeMode.Antialiased => ScaledTriangle(i, scale, sourceSize),
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown resize mode."),
            };
            taps[i] = Merge(raw, sourceSize);
            widest = Math.Max(widest, taps[i][^1].Index - taps[i][0].Index + 1);
        }

        var tapCount = Math.Min(widest, sourceSize);
        var start = new int[destinationSize];
        var weights = new float[destinationSize * tapCount];
        for (var i = 0; i < destinationSize; i++)
        {
            var first = Math.Min(taps[i][0].Index, sourceSize - tapCount);
            start[i] = first;
            var total = 0.0;
            foreach (var (_, w) in taps[i])
            {
                total += w;
            }

            foreach (var (index, w) in taps[i])
            {
                weights[(i * tapCount) + index - first] = (float)(w / total);
            }
        }

        return new ResampleWeights(sourceSize, destinationSize, tapCount, start, weights);
    }

    // Bilinear and bicubic: a fixed-support kernel centred on the mapped sample index.
    private static IEnumerable<(int, double)> Interpolating(int i, double scale, int support, Func<double, double> kernel)
    {
        var centre = PixelGrid.ResizeSourceIndex(i, scale);
        var floor = (int)Math.Floor(centre);
        for (var j = floor - support + 1; j <= floor + support; j++)
        {
            yield return (j, kernel(centre - j));
        }
    }

    private static IEnumerable<(int, double)> AreaOverlap(int i, double scale, int sourceSize)
    {
        var low = i * scale;
        var high = Math.Min((i + 1) * scale, sourceSize);
        for (var j = (int)Math.Floor(low); j < high; j++)
        {
            var overlap = Math.Min(high, j + 1) - Math.Max(low, j);
            if (overlap > 1e-12)
            {
                yield return (j, overlap);
            }
        }
    }

    // Pillow's antialiased bilinear: the triangle is stretched by the shrink factor and sampled at source centres.
    private static IEnumerable<(int, double)> ScaledTriangle(int i, double scale, int sourceSize)
    {
        var stretch = Math.Max(scale, 1.0);
        var centre = PixelGrid.ResizeSourceIndex(i, scale);
        var first = Math.Max(0, (int)Math.Floor(centre - stretch));
        var last = Math.Min(sourceSize - 1, (int)Math.Ceiling(centre + stretch));
        for (var j = first; j <= last; j++)
        {
            var w = Triangle((centre - j) / stretch);
            if (w > 0)
            {
                yield return (j, w);
            }
        }
    }

    // Clamp out-of-range taps onto the edge pixel (replicate border) and sum taps that land on one index. The raw
    // taps come in increasing index order, so the clamped ones are in non-decreasing order and the taps of one index
    // are neighbours: one pass sums them, in the order they come (a sorted map per sample made building the
    // weights cost more than resizing a film with them).
    private static List<(int Index, double Weight)> Merge(IEnumerable<(int Index, double Weight)> raw, int sourceSize)
    {
        var list = new List<(int Index, double Weight)>();
        foreach (var (index, weight) in raw)
        {
            var clamped = Math.Clamp(index, 0, sourceSize - 1);
            if (list.Count > 0 && list[^1].Index == clamped)
            {
                list[^1] = (clamped, list[^1].Weight + weight);
            }
            else if (list.Count > 0 && list[^1].Index > clamped)
            {
                throw new InvalidOperationException("Resampling taps must come in increasing index order.");
            }
            else
            {
                list.Add((clamped, 0.0 + weight));
            }
        }

        if (list.Count == 0)
        {
            // Only possible for degenerate geometry; fall back to the nearest pixel rather than dividing by zero.
            list.Add((0, 1.0));
        }

        return list;
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? 1 - x : 0;
    }

    private static double Cubic(double x, double a)
    {
        x = Math.Abs(x);
        if (x <= 1)
        {
            return ((((a + 2) * x) - (a + 3)) * x * x) + 1;
        }

        return x < 2 ? (((((a * x) - (5 * a)) * x) + (8 * a)) * x) - (4 * a) : 0;
    }
}
