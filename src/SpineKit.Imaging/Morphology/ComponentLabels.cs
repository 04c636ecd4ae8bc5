namespace SpineKit.Imaging.Morphology;

/// <summary>The result of <see cref="ConnectedComponents.Label"/>: a label per pixel and each label's size.</summary>
public sealed class ComponentLabels
{
    private readonly int[] _sizes;

    /// <summary>
    /// Wraps a label image made elsewhere (e.g. components split further): labels must lie in
    /// 0..<paramref name="count"/>; sizes are counted here.
    /// </summary>
    public ComponentLabels(int width, int height, int[] labels, int count)
        : this(width, height, labels, CountSizes(labels, count))
    {
        if (labels.Length != width * height)
        {
            throw new ArgumentException($"{labels.Length} labels do not fill {width}x{height} pixels.", nameof(labels));
        }
    }

    internal ComponentLabels(int width, int height, int[] labels, int[] sizes)
    {
        Width = width;
        Height = height;
        Labels = labels;
        _sizes = sizes;
    }

    /// <summary>Image width.</summary>
    public int Width { get; }

    /// <summary>Image height.</summary>
    public int Height { get; }

    /// <summary>Row-major labels: 0 background, 1..<see cref="Count"/> components.</summary>
    public int[] Labels { get; }

    /// <summary>Number of components.</summary>
    public int Count => _sizes.Length - 1;

    /// <summary>The label of the largest component (the lowest label among equals); 0 when there is none.</summary>
    public int Largest
    {
        get
        {
            var best = 0;
            for (var label = 1; label < _sizes.Length; label++)
            {
                if (_sizes[label] > _sizes[best])
                {
                    best = label;
                }
            }

            return best;
        }
    }

    /// <summary>Pixels in component <paramref name="label"/> (1..<see cref="Count"/>).</summary>
    public int SizeOf(int label)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(label, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(label, Count);
        return _sizes[label];
    }

    private static int[] CountSizes(int[] labels, int count)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sizes = new int[count + 1];
        foreach (var label in labels)
        {
            if ((uint)label > (uint)count)
            {
                throw new ArgumentException($"Label {label} is outside 0..{count}.", nameof(labels));
            }

            sizes[label]++;
        }

        return sizes;
    }

    /// <summary>Label at pixel (<paramref name="x"/>, <paramref name="y"/>); 0 outside the image.</summary>
    public int At(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height ? Labels[(y * Width) + x] : 0;
}
