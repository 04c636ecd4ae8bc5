namespace SpineKit.Neural.Kernels;

/// <summary>
/// The convolution entry points layers call (NCHW, any kernel, stride, padding, dilation, groups); the tests hold
/// a direct-loop definition of the same contract. The implementation is free to pack, block and thread as it likes.
/// </summary>
internal static class Convolution2d
{
    /// <summary><c>output = conv(input, weight) + bias</c>; <paramref name="bias"/> may be empty.</summary>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
        => Forward(g, input, weight, bias, output, KernelOptions.Default);

    /// <summary>Overwrites <paramref name="gradInput"/> with d(loss)/d(input) given d(loss)/d(output).</summary>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
        => BackwardInput(g, gradOutput, weight, gradInput, KernelOptions.Default);

    /// <summary>
    /// Overwrites <paramref name="gradWeight"/> (and <paramref name="gradBias"/> unless empty) with the
    /// parameter gradients given d(loss)/d(output).
    /// </summary>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias)
        => BackwardWeight(g, input, gradOutput, gradWeight, gradBias, KernelOptions.Default);

    /// <summary><c>output = conv(input, weight) + bias</c> with an explicit thread budget and SIMD path.</summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static unsafe void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, input.Length, weight.Length, output.Length, bias.Length);
        fixed (float* inputPointer = input, weightPointer = weight, biasPointer = bias, outputPointer = output)
        {
            ConvolutionForward.Run(g, inputPointer, weightPointer, bias.IsEmpty ? null : biasPointer, outputPointer, options);
        }
    }

    /// <summary>
    /// Inference's forward pass of a single-group convolution: weights already packed (<see cref="PackedMatrixA.Persistent"/>
    /// of the <c>[Cout, Cin*KH*KW]</c> weight matrix) and the input, when <paramref name="secondInput"/> is not empty, the
    /// channel concatenation of <paramref name="input"/> and <paramref name="secondInput"/> (each NCHW over the same
    /// batch and plane size), which only a padded convolution may read.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static unsafe void ForwardPacked(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> secondInput, PackedMatrixA packedWeight, ReadOnlySpan<float> bias, Span<float> output, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(packedWeight);
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, input.Length + secondInput.Length, g.WeightLength, output.Length, bias.Length);
        var plane = (long)g.InHeight * g.InWidth;
        var firstChannels = (int)(input.Length / (plane * g.Batch));
        if (firstChannels * plane * g.Batch != input.Length)
        {
            throw new ArgumentException($"The first input's {input.Length} values are not whole channels of {g}.", nameof(input));
        }

        fixed (float* inputPointer = input, secondPointer = secondInput, biasPointer = bias, outputPointer = output)
        {
            var planes = secondInput.IsEmpty
                ? ChannelPlanes.Contiguous(inputPointer, g.InChannels, plane)
                : ChannelPlanes.Split(inputPointer, firstChannels, secondPointer, plane);
            ConvolutionForward.Run(g, planes, null, bias.IsEmpty ? null : biasPointer, outputPointer, options, packedWeight);
        }
    }

    /// <summary>Overwrites <paramref name="gradInput"/> with d(loss)/d(input), with an explicit thread budget and SIMD path.</summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static unsafe void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, gradInput.Length, weight.Length, gradOutput.Length, 0);
        fixed (float* gradOutputPointer = gradOutput, weightPointer = weight, gradInputPointer = gradInput)
        {
            ConvolutionBackwardInput.Run(g, gradOutputPointer, weightPointer, gradInputPointer, options);
        }
    }

    /// <summary>
    /// Overwrites <paramref name="gradWeight"/> (and <paramref name="gradBias"/> unless empty) with the parameter
    /// gradients, with an explicit thread budget and SIMD path.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span does not match it.</exception>
    public static unsafe void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Conv2dChecks.Validate(g, input.Length, gradWeight.Length, gradOutput.Length, gradBias.Length);
        fixed (float* inputPointer = input, gradOutputPointer = gradOutput, gradWeightPointer = gradWeight)
        {
            ConvolutionBackwardWeight.Run(g, inputPointer, gradOutputPointer, gradWeightPointer, options);
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
