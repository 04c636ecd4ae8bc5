using System.Numerics.Tensors;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>Softmax over each H x W plane of NCHW <paramref name="x"/> (every channel becomes a distribution over pixels).</summary>
    public static Tensor SpatialSoftmax(Tensor x)
    {
        RequireRank(x, 4, "SpatialSoftmax input");
        return SoftmaxRows(x, x.Dims[2] * x.Dims[3]);
    }

    /// <summary>Softmax along the last dimension.</summary>
    public static Tensor Softmax(Tensor x) => SoftmaxRows(x, x.Dims[^1]);

    /// <summary>Log-softmax along dimension 1 of <c>[N, C, ...]</c> (the class dimension).</summary>
    public static Tensor LogSoftmaxClasses(Tensor x)
    {
        if (x.Rank < 2)
        {
            throw new ArgumentException("LogSoftmaxClasses needs at least [N, C].");
        }

        int batch = x.Dims[0], classes = x.Dims[1], inner = x.Length / (batch * classes);
        var output = Storage.Uninitialized(x.Length);
        Parallel.For(0, batch, n =>
        {
            for (var j = 0; j < inner; j++)
            {
                var max = float.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    max = MathF.Max(max, x.Data[(((n * classes) + c) * inner) + j]);
                }

                double sum = 0;
                for (var c = 0; c < classes; c++)
                {
                    sum += Math.Exp(x.Data[(((n * classes) + c) * inner) + j] - max);
                }

                var logSum = max + (float)Math.Log(sum);
                for (var c = 0; c < classes; c++)
                {
                    var i = (((n * classes) + c) * inner) + j;
                    output[i] = x.Data[i] - logSum;
                }
            }
        });

        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            var gx = BufferPool.Rent(x.Length);
            Parallel.For(0, batch, n =>
            {
                for (var j = 0; j < inner; j++)
                {
                    double sum = 0;
                    for (var c = 0; c < classes; c++)
                    {
                        sum += g[(((n * classes) + c) * inner) + j];
                    }

                    for (var c = 0; c < classes; c++)
                    {
                        var i = (((n * classes) + c) * inner) + j;
                        gx[i] = g[i] - (MathF.Exp(output[i]) * (float)sum);
                    }
                }
            });
            BackwardEngine.Accumulate(x, gx);
        });
    }

    private static Tensor SoftmaxRows(Tensor x, int row)
    {
        var rows = x.Length / row;
        var output = Storage.Uninitialized(x.Length);
        Parallel.For(0, rows, r => TensorPrimitives.SoftMax(x.Data.AsSpan(r * row, row), output.AsSpan(r * row, row)));
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            Parallel.For(0, rows, r =>
            {
                var y = output.AsSpan(r * row, row);
                var d = g.AsSpan(r * row, row);
                var dot = TensorPrimitives.Dot(y, d);
                TensorPrimitives.Subtract(d, dot, d);
                TensorPrimitives.Multiply(d, y, d);
            });
            BackwardEngine.Accumulate(x, g);
        });
    }
}
