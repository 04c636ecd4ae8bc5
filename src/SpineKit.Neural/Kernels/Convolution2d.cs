using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// The convolution entry points layers call. Same contract as <see cref="Convolution2dReference"/>;
/// the implementation behind it is free to pack, block and thread as it likes.
/// </summary>
internal static class Convolution2d
{
    /// <inheritdoc cref="Convolution2dReference.Forward"/>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
        => Forward(g, input, weight, bias, output, KernelOptions.Default);

    /// <inheritdoc cref="Convolution2dReference.BackwardInput"/>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
        => BackwardInput(g, gradOutput, weight, gradInput, KernelOptions.Default);

    /// <inheritdoc cref="Convolution2dReference.BackwardWeight"/>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias)
        => BackwardWeight(g, input, gradOutput, gradWeight, gradBias, KernelOptions.Default);

    /// <summary><c>output = conv(input, weight) + bias</c> with an explicit thread budget and SIMD path.</summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, input.Length, weight.Length, output.Length, bias.Length);
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        var columns = ArrayPool<float>.Shared.Rent(rows * pixels);
        try
        {
            for (var n = 0; n < g.Batch; n++)
            {
                for (var group = 0; group < g.Groups; group++)
                {
                    var image = input.Slice(((n * g.InChannels) + (group * cinG)) * plane, cinG * plane);
                    Im2Col.Unfold(g, cinG, image, columns);
                    var target = output.Slice(((n * g.OutChannels) + (group * coutG)) * pixels, coutG * pixels);
                    Gemm.Multiply(false, false, coutG, pixels, rows, 1f, weight.Slice(group * coutG * rows, coutG * rows), rows, columns, pixels, 0f, target, pixels, options);
                    if (!bias.IsEmpty)
                    {
                        for (var co = 0; co < coutG; co++)
                        {
                            System.Numerics.Tensors.TensorPrimitives.Add(target.Slice(co * pixels, pixels), bias[(group * coutG) + co], target.Slice(co * pixels, pixels));
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
    }

    /// <summary>Overwrites <paramref name="gradInput"/> with d(loss)/d(input), with an explicit thread budget and SIMD path.</summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, gradInput.Length, weight.Length, gradOutput.Length, 0);
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        var columns = ArrayPool<float>.Shared.Rent(rows * pixels);
        try
        {
            gradInput.Clear();
            for (var n = 0; n < g.Batch; n++)
            {
                for (var group = 0; group < g.Groups; group++)
                {
                    var source = gradOutput.Slice(((n * g.OutChannels) + (group * coutG)) * pixels, coutG * pixels);
                    Gemm.Multiply(true, false, rows, pixels, coutG, 1f, weight.Slice(group * coutG * rows, coutG * rows), rows, source, pixels, 0f, columns, pixels, options);
                    Im2Col.FoldAdd(g, cinG, columns, gradInput.Slice(((n * g.InChannels) + (group * cinG)) * plane, cinG * plane));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
    }

    /// <summary>
    /// Overwrites <paramref name="gradWeight"/> (and <paramref name="gradBias"/> unless empty) with the parameter
    /// gradients, with an explicit thread budget and SIMD path.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, input.Length, gradWeight.Length, gradOutput.Length, gradBias.Length);
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        var columns = ArrayPool<float>.Shared.Rent(rows * pixels);
        try
        {
            for (var n = 0; n < g.Batch; n++)
            {
                for (var group = 0; group < g.Groups; group++)
                {
                    var image = input.Slice(((n * g.InChannels) + (group * cinG)) * plane, cinG * plane);
                    Im2Col.Unfold(g, cinG, image, columns);
                    var source = gradOutput.Slice(((n * g.OutChannels) + (group * coutG)) * pixels, coutG * pixels);
                    Gemm.Multiply(false, true, coutG, rows, pixels, 1f, source, pixels, columns, pixels, n == 0 ? 0f : 1f, gradWeight.Slice(group * coutG * rows, coutG * rows), rows, options);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }

        if (!gradBias.IsEmpty)
        {
            BiasGradient(g, gradOutput, gradBias);
        }
    }

    /// <summary>Sums each output channel's gradient over batch and pixels, in double for a stable result.</summary>
    private static void BiasGradient(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, Span<float> gradBias)
    {
        var pixels = g.OutHeight * g.OutWidth;
        for (var co = 0; co < g.OutChannels; co++)
        {
            double sum = 0;
            for (var n = 0; n < g.Batch; n++)
            {
                sum += System.Numerics.Tensors.TensorPrimitives.Sum(gradOutput.Slice(((n * g.OutChannels) + co) * pixels, pixels));
            }

            gradBias[co] = (float)sum;
        }
    }
}
