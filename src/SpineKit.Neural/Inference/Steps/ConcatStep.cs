namespace SpineKit.Neural.Inference.Steps;

/// <summary>Joins maps along the channel dimension.</summary>
internal sealed class ConcatStep(int[] inputs, int output) : InferenceStep(inputs, output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes) => JoinedShape(inputShapes);

    /// <summary>The shape of <paramref name="shapes"/> joined along the channels (also what a convolution reading two maps as one sees).</summary>
    /// <exception cref="ArgumentException">The maps differ in batch, height or width, or are not four-dimensional.</exception>
    public static int[] JoinedShape(params ReadOnlySpan<int[]> shapes)
    {
        var first = shapes[0];
        var channels = 0;
        foreach (var shape in shapes)
        {
            if (shape.Length != 4 || shape[0] != first[0] || shape[2] != first[2] || shape[3] != first[3])
            {
                throw new ArgumentException($"Cannot join maps of shapes {string.Join(" and ", shapes.ToArray().Select(Tensor.FormatShape))} along the channels.");
            }

            channels += shape[1];
        }

        return [first[0], channels, first[2], first[3]];
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var batch = output.Shape[0];
        var perImage = output.Length / batch;
        for (var n = 0; n < batch; n++)
        {
            var offset = n * perImage;
            foreach (var input in inputs)
            {
                var block = input.Length / batch;
                input.Data.AsSpan(n * block, block).CopyTo(output.Data.AsSpan(offset, block));
                offset += block;
            }
        }
    }
}
