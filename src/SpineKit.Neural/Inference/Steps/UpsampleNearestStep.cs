namespace SpineKit.Neural.Inference.Steps;

/// <summary>Integer nearest-neighbour upsampling: every pixel repeated <c>scale x scale</c> times.</summary>
internal sealed class UpsampleNearestStep(int input, int output, int scale) : InferenceStep([input], output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var shape = inputShapes[0];
        return shape.Length == 4
            ? [shape[0], shape[1], shape[2] * scale, shape[3] * scale]
            : throw new ArgumentException($"Upsampling needs an NCHW map, not {Tensor.FormatShape(shape)}.");
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var shape = inputs[0].Shape;
        int height = shape[2], width = shape[3], outWidth = width * scale;
        var (source, target) = (inputs[0].Data, output.Data);
        PlaneParallel.For(shape[0] * shape[1], output.Length, p =>
        {
            var plane = source.AsSpan(p * height * width, height * width);
            var result = target.AsSpan(p * height * width * scale * scale, height * width * scale * scale);
            for (var y = 0; y < height; y++)
            {
                var row = result.Slice(y * scale * outWidth, outWidth);
                var input = plane.Slice(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    row.Slice(x * scale, scale).Fill(input[x]);
                }

                for (var r = 1; r < scale; r++)
                {
                    row.CopyTo(result.Slice(((y * scale) + r) * outWidth, outWidth));
                }
            }
        });
    }
}
