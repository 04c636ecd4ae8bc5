using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>A view of <paramref name="x"/> with <paramref name="shape"/>, sharing storage; one dimension may be -1.</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        var inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0)
        {
            var known = 1;
            for (var i = 0; i < resolved.Length; i++)
            {
                known *= i == inferred ? 1 : resolved[i];
            }

            resolved[inferred] = known == 0 ? 0 : x.Length / known;
        }

        if (Tensor.ShapeLength(resolved) != x.Length)
        {
            throw new ArgumentException($"Cannot reshape {Tensor.FormatShape(x.Dims)} to {Tensor.FormatShape(shape)}.");
        }

        return BackwardEngine.Record(new Tensor(x.Data, resolved), [x], g => BackwardEngine.Accumulate(x, g));
    }

    /// <summary>Joins tensors along <paramref name="dimension"/>; all other extents must agree.</summary>
    public static Tensor Concat(int dimension, params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(tensors));
        }

        var first = tensors[0].Dims;
        var dim = dimension < 0 ? dimension + first.Length : dimension;
        var shape = (int[])first.Clone();
        shape[dim] = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Length || Enumerable.Range(0, first.Length).Any(i => i != dim && t.Dims[i] != first[i]))
            {
                throw new ArgumentException($"Concat along {dim}: shapes {string.Join(", ", tensors.Select(x => Tensor.FormatShape(x.Dims)))} differ elsewhere.");
            }

            shape[dim] += t.Dims[dim];
        }

        var outer = 1;
        for (var i = 0; i < dim; i++)
        {
            outer *= shape[i];
        }

        var inner = Tensor.ShapeLength(shape) / Math.Max(1, outer * shape[dim]);
        var output = Storage.Uninitialized(Tensor.ShapeLength(shape));
        var rowLength = shape[dim] * inner;
        var starts = new int[tensors.Length];
        for (var i = 1; i < tensors.Length; i++)
        {
            starts[i] = starts[i - 1] + (tensors[i - 1].Dims[dim] * inner);
        }

        // One work item per (outer index, tensor) so even a batch of one copies on every core.
        Parallel.For(0, outer * tensors.Length, item =>
        {
            int o = item / tensors.Length, i = item % tensors.Length;
            var chunk = tensors[i].Dims[dim] * inner;
            Array.Copy(tensors[i].Data, o * chunk, output, (o * rowLength) + starts[i], chunk);
        });

        return BackwardEngine.Record(new Tensor(output, shape), tensors, g =>
        {
            var start = 0;
            foreach (var t in tensors)
            {
                var chunk = t.Dims[dim] * inner;
                if (t.RequiresGrad)
                {
                    var part = BufferPool.Rent(t.Length);
                    var begin = start;
                    Parallel.For(0, outer, o => Array.Copy(g, (o * rowLength) + begin, part, o * chunk, chunk));
                    BackwardEngine.Accumulate(t, part);
                }

                start += chunk;
            }
        });
    }

    /// <summary>The slice <c>[start, start + length)</c> of <paramref name="x"/> along <paramref name="dimension"/> (a copy).</summary>
    public static Tensor Narrow(Tensor x, int dimension, int start, int length)
    {
        var dim = dimension < 0 ? dimension + x.Rank : dimension;
        if (start < 0 || length < 0 || start + length > x.Dims[dim])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + length}) is outside dimension {dim} of {Tensor.FormatShape(x.Dims)}.");
        }

        var shape = (int[])x.Dims.Clone();
        shape[dim] = length;
        var outer = 1;
        for (var i = 0; i < dim; i++)
        {
            outer *= shape[i];
        }

        var inner = 1;
        for (var i = dim + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        var sourceRow = x.Dims[dim] * inner;
        var chunk = length * inner;
        var output = Storage.Uninitialized(outer * chunk);
        for (var o = 0; o < outer; o++)
        {
            Array.Copy(x.Data, (o * sourceRow) + (start * inner), output, o * chunk, chunk);
        }

        return BackwardEngine.Record(new Tensor(output, shape), [x], g =>
        {
            var full = BufferPool.RentZeroed(x.Length);
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(g, o * chunk, full, (o * sourceRow) + (start * inner), chunk);
            }

            BackwardEngine.Accumulate(x, full);
        });
    }
}
