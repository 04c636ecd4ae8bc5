using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>
/// Direct-loop definition of 2-D convolution and its two gradients; slow, obviously correct, and the
/// reference every fast path in <see cref="Convolution2d"/> is tested against.
/// </summary>
internal static class Convolution2dReference
{
    /// <summary>
    /// Inference's fused output stage, <c>relu(conv(input, weight) + bias + residual)</c>, with the plain convolution,
    /// each result's magnitude (the same sums over absolute values, for the tolerance).
    /// </summary>
    public static (float[] Plain, float[] PlainMagnitude, float[] Fused, float[] FusedMagnitude) ForwardWithResidualRelu(
        in Conv2dGeometry g, float[] input, float[] weight, float[] bias, float[] residual)
    {
        var plain = new float[g.OutputLength];
        var magnitude = new float[g.OutputLength];
        Forward(g, input, weight, bias, plain);
        Forward(g, KernelAssert.Abs(input), KernelAssert.Abs(weight), KernelAssert.Abs(bias), magnitude);
        return (
            plain,
            magnitude,
            [.. plain.Select((v, i) => Math.Max(0f, v + residual[i]))],
            [.. magnitude.Select((v, i) => v + Math.Abs(residual[i]))]);
    }

    /// <summary><c>output = conv(input, weight) + bias</c>; <paramref name="bias"/> may be empty.</summary>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        for (var n = 0; n < g.Batch; n++)
        {
            for (var co = 0; co < g.OutChannels; co++)
            {
                var group = co / coutG;
                for (var y = 0; y < oh; y++)
                {
                    for (var x = 0; x < ow; x++)
                    {
                        double sum = bias.IsEmpty ? 0 : bias[co];
                        for (var ci = 0; ci < cinG; ci++)
                        {
                            var inChannel = (group * cinG) + ci;
                            for (var ky = 0; ky < g.KernelHeight; ky++)
                            {
                                var iy = (y * g.StrideY) - g.PadY + (ky * g.DilationY);
                                if (iy < 0 || iy >= g.InHeight)
                                {
                                    continue;
                                }

                                for (var kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    var ix = (x * g.StrideX) - g.PadX + (kx * g.DilationX);
                                    if (ix < 0 || ix >= g.InWidth)
                                    {
                                        continue;
                                    }

                                    sum += (double)input[(((n * g.InChannels) + inChannel) * g.InHeight + iy) * g.InWidth + ix]
                                        * weight[(((co * cinG) + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                                }
                            }
                        }

                        output[(((n * g.OutChannels) + co) * oh + y) * ow + x] = (float)sum;
                    }
                }
            }
        }
    }

    /// <summary>Overwrites <paramref name="gradInput"/> with d(loss)/d(input) given d(loss)/d(output).</summary>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        g.Validate();
        var sums = new double[g.InputLength];
        int oh = g.OutHeight, ow = g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        for (var n = 0; n < g.Batch; n++)
        {
            for (var co = 0; co < g.OutChannels; co++)
            {
                var group = co / coutG;
                for (var y = 0; y < oh; y++)
                {
                    for (var x = 0; x < ow; x++)
                    {
                        double go = gradOutput[(((n * g.OutChannels) + co) * oh + y) * ow + x];
                        for (var ci = 0; ci < cinG; ci++)
                        {
                            var inChannel = (group * cinG) + ci;
                            for (var ky = 0; ky < g.KernelHeight; ky++)
                            {
                                var iy = (y * g.StrideY) - g.PadY + (ky * g.DilationY);
                                if (iy < 0 || iy >= g.InHeight)
                                {
                                    continue;
                                }

                                for (var kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    var ix = (x * g.StrideX) - g.PadX + (kx * g.DilationX);
                                    if (ix < 0 || ix >= g.InWidth)
                                    {
                                        continue;
                                    }

                                    sums[(((n * g.InChannels) + inChannel) * g.InHeight + iy) * g.InWidth + ix] +=
                                        go * weight[(((co * cinG) + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                                }
                            }
                        }
                    }
                }
            }
        }

        for (var i = 0; i < sums.Length; i++)
        {
            gradInput[i] = (float)sums[i];
        }
    }

    /// <summary>
    /// Overwrites <paramref name="gradWeight"/> (and <paramref name="gradBias"/> unless empty) with the
    /// parameter gradients given d(loss)/d(output).
    /// </summary>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight, Span<float> gradBias)
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth, cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup;
        for (var co = 0; co < g.OutChannels; co++)
        {
            var group = co / coutG;
            for (var ci = 0; ci < cinG; ci++)
            {
                var inChannel = (group * cinG) + ci;
                for (var ky = 0; ky < g.KernelHeight; ky++)
                {
                    for (var kx = 0; kx < g.KernelWidth; kx++)
                    {
                        double sum = 0;
                        for (var n = 0; n < g.Batch; n++)
                        {
                            for (var y = 0; y < oh; y++)
                            {
                                var iy = (y * g.StrideY) - g.PadY + (ky * g.DilationY);
                                if (iy < 0 || iy >= g.InHeight)
                                {
                                    continue;
                                }

                                for (var x = 0; x < ow; x++)
                                {
                                    var ix = (x * g.StrideX) - g.PadX + (kx * g.DilationX);
                                    if (ix < 0 || ix >= g.InWidth)
                                    {
                                        continue;
                                    }

                                    sum += (double)gradOutput[(((n * g.OutChannels) + co) * oh + y) * ow + x]
                                        * input[(((n * g.InChannels) + inChannel) * g.InHeight + iy) * g.InWidth + ix];
                                }
                            }
                        }

                        gradWeight[(((co * cinG) + ci) * g.KernelHeight + ky) * g.KernelWidth + kx] = (float)sum;
                    }
                }
            }

            if (!gradBias.IsEmpty)
            {
                double biasSum = 0;
                for (var n = 0; n < g.Batch; n++)
                {
                    var plane = gradOutput.Slice(((n * g.OutChannels) + co) * oh * ow, oh * ow);
                    foreach (var value in plane)
                    {
                        biasSum += value;
                    }
                }

                gradBias[co] = (float)biasSum;
            }
        }
    }
}
