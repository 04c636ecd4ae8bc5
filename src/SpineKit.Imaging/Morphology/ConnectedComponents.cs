namespace SpineKit.Imaging.Morphology;

/// <summary>Which neighbours join two foreground pixels into one component.</summary>
public enum Connectivity
{
    /// <summary>Left, right, up and down.</summary>
    Four,

    /// <summary>The four sides and the four diagonals.</summary>
    Eight,
}

/// <summary>
/// Labels the connected components of a single-channel mask (non-zero = foreground). Labels run from 1
/// in raster order of each component's first pixel; 0 is background.
/// </summary>
public static class ConnectedComponents
{
    /// <summary>Labels every component of <paramref name="mask"/>.</summary>
    public static ComponentLabels Label(Image<byte> mask, Connectivity connectivity = Connectivity.Eight)
    {
        BinaryMorphology.RequireMask(mask);
        int width = mask.Width, height = mask.Height;
        var labels = new int[width * height];
        var sizes = new List<int> { 0 };
        var stack = new Stack<int>();
        var pixels = mask.Pixels;
        for (var start = 0; start < labels.Length; start++)
        {
            if (pixels[start] == 0 || labels[start] != 0)
            {
                continue;
            }

            var label = sizes.Count;
            var size = 0;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var index = stack.Pop();
                size++;
                int x = index % width, y = index / width;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if ((dx == 0 && dy == 0) || (connectivity == Connectivity.Four && dx != 0 && dy != 0))
                        {
                            continue;
                        }

                        int nx = x + dx, ny = y + dy;
                        if ((uint)nx >= (uint)width || (uint)ny >= (uint)height)
                        {
                            continue;
                        }

                        var neighbour = (ny * width) + nx;
                        if (pixels[neighbour] != 0 && labels[neighbour] == 0)
                        {
                            labels[neighbour] = label;
                            stack.Push(neighbour);
                        }
                    }
                }
            }

            sizes.Add(size);
        }

        return new ComponentLabels(width, height, labels, sizes.ToArray());
    }

    /// <summary>
    /// Keeps only the largest component (ties: the one with the lowest label); an empty mask stays empty.
    /// Results hold 0 and 255.
    /// </summary>
    public static Image<byte> KeepLargest(Image<byte> mask, Connectivity connectivity = Connectivity.Eight)
    {
        var components = Label(mask, connectivity);
        var output = new Image<byte>(mask.Width, mask.Height);
        if (components.Count == 0)
        {
            return output;
        }

        var largest = components.Largest;
        for (var i = 0; i < output.Pixels.Length; i++)
        {
            output.Pixels[i] = components.Labels[i] == largest ? (byte)255 : (byte)0;
        }

        return output;
    }
}
