using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>An evaluation-mode batch norm that no convolution could absorb: <c>x * scale[c] + shift[c]</c>.</summary>
internal sealed class AffineStep(int input, int output, double[] scale, double[] shift) : InferenceStep([input], output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != 4 || shape[1] != scale.Length)
        {
            throw new ArgumentException($"A batch norm over {scale.Length} channels cannot read a map of shape {Tensor.FormatShape(shape)}.");
        }

        return shape;
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var shape = inputs[0].Shape;
        int channels = shape[1], plane = shape[2] * shape[3];
        var source = inputs[0].Data;
        var target = output.Data;
        PlaneParallel.For(shape[0] * channels, inputs[0].Length, p =>
        {
            var c = p % channels;
            AffineKernel.Apply(source.AsSpan(p * plane, plane), (float)scale[c], (float)shift[c], target.AsSpan(p * plane, plane));
        });
    }
}
