namespace SpineKit.Neural.Autograd;

/// <summary>NumPy/PyTorch broadcasting: result shapes, materialising a broadcast operand, and summing a gradient back.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, aligned from the right.</summary>
    public static int[] ResultShape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes {Tensor.FormatShape(a)} and {Tensor.FormatShape(b)} cannot be broadcast together.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Copies <paramref name="source"/> of <paramref name="shape"/> out to the full <paramref name="target"/> shape.</summary>
    public static float[] Expand(float[] source, int[] shape, int[] target)
    {
        if (shape.AsSpan().SequenceEqual(target))
        {
            return source;
        }

        var result = new float[Tensor.ShapeLength(target)];
        var strides = SourceStrides(shape, target);
        ExpandLevel(source, 0, strides, target, 0, result, 0);
        return result;
    }

    /// <summary>Sums <paramref name="gradient"/> of the broadcast <paramref name="target"/> shape back to <paramref name="shape"/>.</summary>
    public static float[] SumTo(float[] gradient, int[] target, int[] shape)
    {
        if (shape.AsSpan().SequenceEqual(target))
        {
            return gradient;
        }

        var result = new float[Tensor.ShapeLength(shape)];
        var strides = SourceStrides(shape, target);
        SumLevel(gradient, 0, strides, target, 0, result, 0);
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/>'s storage indexed by <paramref name="target"/>'s dimensions; 0 where broadcast.</summary>
    private static int[] SourceStrides(int[] shape, int[] target)
    {
        var strides = new int[target.Length];
        var offset = target.Length - shape.Length;
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i + offset] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }

        return strides;
    }

    private static int ExpandLevel(float[] source, int sourceOffset, int[] strides, int[] target, int level, float[] result, int resultOffset)
    {
        var extent = target[level];
        if (level == target.Length - 1)
        {
            if (strides[level] == 0)
            {
                result.AsSpan(resultOffset, extent).Fill(source[sourceOffset]);
            }
            else
            {
                source.AsSpan(sourceOffset, extent).CopyTo(result.AsSpan(resultOffset, extent));
            }

            return resultOffset + extent;
        }

        for (var i = 0; i < extent; i++)
        {
            resultOffset = ExpandLevel(source, sourceOffset + (i * strides[level]), strides, target, level + 1, result, resultOffset);
        }

        return resultOffset;
    }

    private static int SumLevel(float[] gradient, int gradientOffset, int[] strides, int[] target, int level, float[] result, int resultOffset)
    {
        var extent = target[level];
        if (level == target.Length - 1)
        {
            if (strides[level] == 0)
            {
                double sum = 0;
                for (var i = 0; i < extent; i++)
                {
                    sum += gradient[gradientOffset + i];
                }

                result[resultOffset] += (float)sum;
            }
            else
            {
                for (var i = 0; i < extent; i++)
                {
                    result[resultOffset + i] += gradient[gradientOffset + i];
                }
            }

            return gradientOffset + extent;
        }

        for (var i = 0; i < extent; i++)
        {
            gradientOffset = SumLevel(gradient, gradientOffset, strides, target, level + 1, result, resultOffset + (i * strides[level]));
        }

        return gradientOffset;
    }
}
