using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>Max pooling over square windows (implicit -inf padding, floor rounding); 2x2 windows of stride 2 take the vector kernel.</summary>
internal sealed class MaxPoolStep(int input, int output, int kernel, int stride, int padding) : InferenceStep([input], output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var shape = inputShapes[0];
        var (height, width) = (((shape[2] + (2 * padding) - kernel) / stride) + 1, ((shape[3] + (2 * padding) - kernel) / stride) + 1);
        if (shape.Length != 4 || height < 1 || width < 1)
        {
            throw new ArgumentException($"A {kernel}x{kernel} pool cannot read a map of shape {Tensor.FormatShape(shape)}.");
        }

        return [shape[0], shape[1], height, width];
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var shape = inputs[0].Shape;
        if (kernel == 2 && stride == 2 && padding == 0)
        {
            MaxPool2x2Kernel.Run(inputs[0].Span, output.Span, shape[0] * shape[1], shape[2], shape[3], KernelOptions.Default);
            return;
        }

        int height = shape[2], width = shape[3], outHeight = output.Shape[2], outWidth = output.Shape[3];
        var (source, target) = (inputs[0].Data, output.Data);
        PlaneParallel.For(shape[0] * shape[1], inputs[0].Length, p =>
        {
            var plane = source.AsSpan(p * height * width, height * width);
            var result = target.AsSpan(p * outHeight * outWidth, outHeight * outWidth);
            for (var oy = 0; oy < outHeight; oy++)
            {
                int y0 = Math.Max(0, (oy * stride) - padding), y1 = Math.Min(height, (oy * stride) - padding + kernel);
                for (var ox = 0; ox < outWidth; ox++)
                {
                    int x0 = Math.Max(0, (ox * stride) - padding), x1 = Math.Min(width, (ox * stride) - padding + kernel);
                    var best = float.NegativeInfinity;
                    for (var y = y0; y < y1; y++)
                    {
                        for (var x = x0; x < x1; x++)
                        {
                            var value = plane[(y * width) + x];
                            if (value > best || float.IsNaN(value))
                            {
                                best = value;
                            }
                        }
                    }

                    result[(oy * outWidth) + ox] = best;
                }
            }
        });
    }
}
