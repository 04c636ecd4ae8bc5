using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>The mean of every plane: <c>[N, C, H, W]</c> to <c>[N, C, 1, 1]</c>.</summary>
internal sealed class GlobalAveragePoolStep(int input, int output) : InferenceStep([input], output)
{
    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes) => [inputShapes[0][0], inputShapes[0][1], 1, 1];

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var shape = inputs[0].Shape;
        var plane = shape[2] * shape[3];
        var (source, target) = (inputs[0].Data, output.Data);
        PlaneParallel.For(shape[0] * shape[1], inputs[0].Length, p => target[p] = (float)(ChannelStatistics.Sum(source.AsSpan(p * plane, plane)) / plane));
    }
}
