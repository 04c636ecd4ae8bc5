namespace SpineKit.Neural.Inference.Steps;

/// <summary>A fully connected layer <c>x W^T + b</c> on <c>[N, in]</c> (the squeeze-and-excitation MLP).</summary>
internal sealed class GemmStep(int input, int output, float[] weight, int outFeatures, float[]? bias) : InferenceStep([input], output)
{
    private readonly int _inFeatures = weight.Length / outFeatures;

    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var shape = inputShapes[0];
        return shape.Length == 2 && shape[1] == _inFeatures
            ? [shape[0], outFeatures]
            : throw new ArgumentException($"A linear layer of {_inFeatures} inputs cannot read shape {Tensor.FormatShape(shape)}.");
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var batch = inputs[0].Shape[0];
        var x = inputs[0].Data;
        for (var n = 0; n < batch; n++)
        {
            var row = x.AsSpan(n * _inFeatures, _inFeatures);
            for (var o = 0; o < outFeatures; o++)
            {
                output.Data[(n * outFeatures) + o] = System.Numerics.Tensors.TensorPrimitives.Dot(row, weight.AsSpan(o * _inFeatures, _inFeatures)) + (bias?[o] ?? 0f);
            }
        }
    }
}
