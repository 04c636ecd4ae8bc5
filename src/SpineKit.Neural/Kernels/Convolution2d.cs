namespace SpineKit.Neural.Kernels;

/// <summary>
/// The convolution entry points layers call. Same contract as <see cref="Convolution2dReference"/>;
/// the implementation behind it is free to pack, block and thread as it likes.
/// </summary>
internal static class Convolution2d
{
    /// <inheritdoc cref="Convolution2dReference.Forward"/>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
        => Convolution2dReference.Forward(g, input, weight, bias, output);

    /// <inheritdoc cref="Convolution2dReference.BackwardInput"/>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
        => Convolution2dReference.BackwardInput(g, gradOutput, weight, gradInput);

    /// <inheritdoc cref="Convolution2dReference.BackwardWeight"/>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias)
        => Convolution2dReference.BackwardWeight(g, input, gradOutput, gradWeight, gradBias);
}
