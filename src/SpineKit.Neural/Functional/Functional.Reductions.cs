using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>Sum of all elements as a [1] tensor (accumulated in double).</summary>
    public static Tensor Sum(Tensor x)
    {
        var sum = ChannelStatistics.Sum(x.Data);

        return BackwardEngine.Record(Tensor.Scalar((float)sum), [x], g => BackwardEngine.Accumulate(x, Filled(x.Length, g[0])));
    }

    /// <summary>Mean of all elements as a [1] tensor.</summary>
    public static Tensor Mean(Tensor x)
    {
        var sum = ChannelStatistics.Sum(x.Data);

        var count = x.Length;
        return BackwardEngine.Record(Tensor.Scalar((float)(sum / count)), [x], g => BackwardEngine.Accumulate(x, Filled(count, g[0] / count)));
    }

    /// <summary>Sums over <paramref name="dimension"/>; the dimension is kept with extent 1 when <paramref name="keepDimension"/>.</summary>
    public static Tensor Sum(Tensor x, int dimension, bool keepDimension = false) => ReduceDimension(x, dimension, keepDimension, mean: false);

    /// <summary>Means over <paramref name="dimension"/>; the dimension is kept with extent 1 when <paramref name="keepDimension"/>.</summary>
    public static Tensor Mean(Tensor x, int dimension, bool keepDimension = false) => ReduceDimension(x, dimension, keepDimension, mean: true);

    private static Tensor ReduceDimension(Tensor x, int dimension, bool keepDimension, bool mean)
    {
        var dim = dimension < 0 ? dimension + x.Rank : dimension;
        int outer = 1, inner = 1, extent = x.Dims[dim];
        for (var i = 0; i < dim; i++)
        {
            outer *= x.Dims[i];
        }

        for (var i = dim + 1; i < x.Rank; i++)
        {
            inner *= x.Dims[i];
        }

        var output = new float[outer * inner];
        var scale = mean ? 1.0 / extent : 1.0;
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < inner; j++)
            {
                double sum = 0;
                for (var k = 0; k < extent; k++)
                {
                    sum += x.Data[(((o * extent) + k) * inner) + j];
                }

                output[(o * inner) + j] = (float)(sum * scale);
            }
        }

        var shape = keepDimension
            ? x.Dims.Select((d, i) => i == dim ? 1 : d).ToArray()
            : x.Dims.Where((_, i) => i != dim).ToArray();
        if (shape.Length == 0)
        {
            shape = [1];
        }

        return BackwardEngine.Record(new Tensor(output, shape), [x], g =>
        {
            var full = BufferPool.RentZeroed(x.Length);
            for (var o = 0; o < outer; o++)
            {
                for (var k = 0; k < extent; k++)
                {
                    for (var j = 0; j < inner; j++)
                    {
                        full[(((o * extent) + k) * inner) + j] = (float)(g[(o * inner) + j] * scale);
                    }
                }
            }

            BackwardEngine.Accumulate(x, full);
        });
    }

    private static float[] Filled(int length, float value)
    {
        var data = BufferPool.Rent(length);
        Array.Fill(data, value);
        return data;
    }
}
