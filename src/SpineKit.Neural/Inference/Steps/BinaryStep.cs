using System.Numerics.Tensors;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>
/// <c>a + b</c> or <c>a * b</c> with NumPy broadcasting over up to four dimensions: equal shapes (residual sums),
/// one value per plane (channel attention) and one plane per image (spatial attention) take vector loops.
/// </summary>
internal sealed class BinaryStep(int a, int b, int output, bool multiply) : InferenceStep([a, b], output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var (x, y) = (Pad(inputShapes[0]), Pad(inputShapes[1]));
        var result = new int[4];
        for (var d = 0; d < 4; d++)
        {
            result[d] = x[d] == y[d] || y[d] == 1 ? x[d]
                : x[d] == 1 ? y[d]
                : throw new ArgumentException($"Shapes {Tensor.FormatShape(inputShapes[0])} and {Tensor.FormatShape(inputShapes[1])} do not broadcast.");
        }

        return result[(4 - Math.Max(inputShapes[0].Length, inputShapes[1].Length))..];
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var (x, y, o) = (Pad(inputs[0].Shape), Pad(inputs[1].Shape), Pad(output.Shape));
        var (left, right, target) = (inputs[0].Data, inputs[1].Data, output.Data);
        var planes = o[0] * o[1];
        var plane = o[2] * o[3];
        if (x.SequenceEqual(o) && y.SequenceEqual(o))
        {
            PlaneParallel.For(planes, output.Length, p => Combine(left.AsSpan(p * plane, plane), right.AsSpan(p * plane, plane), target.AsSpan(p * plane, plane)));
        }
        else if (x.SequenceEqual(o) && y[2] == 1 && y[3] == 1)
        {
            // One value per plane of the right operand, repeated over batch or channels where it is 1.
            PlaneParallel.For(planes, output.Length, p =>
            {
                int n = p / o[1], c = p % o[1];
                var value = right[((y[0] == 1 ? 0 : n) * y[1]) + (y[1] == 1 ? 0 : c)];
                var source = left.AsSpan(p * plane, plane);
                var destination = target.AsSpan(p * plane, plane);
                if (multiply)
                {
                    TensorPrimitives.Multiply(source, value, destination);
                }
                else
                {
                    TensorPrimitives.Add(source, value, destination);
                }
            });
        }
        else if (x.SequenceEqual(o) && y[1] == 1 && y[2] == o[2] && y[3] == o[3])
        {
            // One plane per image of the right operand (an attention map), applied to every channel.
            PlaneParallel.For(planes, output.Length, p =>
            {
                var n = y[0] == 1 ? 0 : p / o[1];
                Combine(left.AsSpan(p * plane, plane), right.AsSpan(n * plane, plane), target.AsSpan(p * plane, plane));
            });
        }
        else
        {
            General(x, y, o, left, right, target);
        }
    }

    private void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
    {
        if (multiply)
        {
            TensorPrimitives.Multiply(a, b, destination);
        }
        else
        {
            TensorPrimitives.Add(a, b, destination);
        }
    }

    private void General(int[] x, int[] y, int[] o, float[] left, float[] right, float[] target)
    {
        static int[] Strides(int[] shape, int[] output)
        {
            var strides = new int[4];
            var stride = 1;
            for (var d = 3; d >= 0; d--)
            {
                strides[d] = shape[d] == 1 && output[d] != 1 ? 0 : stride;
                stride *= shape[d];
            }

            return strides;
        }

        var (sx, sy) = (Strides(x, o), Strides(y, o));
        var i = 0;
        for (var d0 = 0; d0 < o[0]; d0++)
        {
            for (var d1 = 0; d1 < o[1]; d1++)
            {
                for (var d2 = 0; d2 < o[2]; d2++)
                {
                    for (var d3 = 0; d3 < o[3]; d3++, i++)
                    {
                        var a = left[(d0 * sx[0]) + (d1 * sx[1]) + (d2 * sx[2]) + (d3 * sx[3])];
                        var b = right[(d0 * sy[0]) + (d1 * sy[1]) + (d2 * sy[2]) + (d3 * sy[3])];
                        target[i] = multiply ? a * b : a + b;
                    }
                }
            }
        }
    }

    private static int[] Pad(int[] shape)
    {
        if (shape.Length > 4)
        {
            throw new ArgumentException($"Element-wise operations take up to four dimensions, not {Tensor.FormatShape(shape)}.");
        }

        var result = new int[4];
        Array.Fill(result, 1);
        shape.CopyTo(result, 4 - shape.Length);
        return result;
    }
}
