namespace SpineKit.Neural.Inference.Steps;

/// <summary>
/// A reshape (Reshape with a constant shape, Flatten, Identity): the output is the input's buffer seen with
/// another shape, so it costs nothing. ONNX's rules: 0 copies the input's dimension, -1 takes the rest.
/// </summary>
internal sealed class ViewStep(int input, int output, long[]? target, int flattenAxis) : InferenceStep([input], output)
{
    /// <inheritdoc/>
    public override bool IsView => true;

    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var shape = inputShapes[0];
        var length = ValueBuffer.ShapeLength(shape);
        if (target is null)
        {
            if (flattenAxis < 0)
            {
                return shape;
            }

            var outer = ValueBuffer.ShapeLength(shape[..flattenAxis]);
            return [outer, length / outer];
        }

        var result = new int[target.Length];
        var known = 1;
        var rest = -1;
        for (var d = 0; d < target.Length; d++)
        {
            result[d] = target[d] == 0 ? shape[d] : (int)target[d];
            if (target[d] == -1)
            {
                rest = d;
            }
            else
            {
                known *= result[d];
            }
        }

        if (rest >= 0)
        {
            result[rest] = length / Math.Max(1, known);
        }

        return ValueBuffer.ShapeLength(result) == length
            ? result
            : throw new ArgumentException($"Cannot view shape {Tensor.FormatShape(shape)} as [{string.Join(", ", target)}].");
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        // The plan gives the output the input's buffer: nothing to do.
    }
}
