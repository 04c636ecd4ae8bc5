using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution of NCHW <paramref name="x"/> with PyTorch-layout <paramref name="weight"/>
    /// <c>[Cout, Cin/groups, kH, kW]</c> and optional <paramref name="bias"/> <c>[Cout]</c>.
    /// </summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        RequireRank(x, 4, "Conv2d input");
        RequireRank(weight, 4, "Conv2d weight");
        if (x.Dims[1] != weight.Dims[1] * groups)
        {
            throw new ArgumentException($"Conv2d expects {weight.Dims[1] * groups} input channels but the input has shape {Tensor.FormatShape(x.Dims)}.");
        }

        var g = new Conv2dGeometry(
            x.Dims[0], x.Dims[1], x.Dims[2], x.Dims[3], weight.Dims[0], weight.Dims[2], weight.Dims[3],
            stride, stride, padding, padding, dilation, dilation, groups);
        g.Validate();
        var output = Storage.Uninitialized(g.OutputLength);
        Convolution2d.Forward(g, x.Data, weight.Data, bias is null ? [] : bias.Data, output);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return BackwardEngine.Record(new Tensor(output, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth), inputs, gradOut =>
        {
            if (weight.RequiresGrad || (bias?.RequiresGrad ?? false))
            {
                var gw = BufferPool.Rent(weight.Length);
                var gb = bias is null ? [] : new float[bias.Length];
                Convolution2d.BackwardWeight(g, x.Data, gradOut, gw, gb);
                BackwardEngine.Accumulate(weight, gw);
                if (bias is not null)
                {
                    BackwardEngine.Accumulate(bias, gb);
                }
            }

            if (x.RequiresGrad)
            {
                var gx = BufferPool.Rent(x.Length);
                Convolution2d.BackwardInput(g, gradOut, weight.Data, gx);
                BackwardEngine.Accumulate(x, gx);
            }
        });
    }

    /// <summary>
    /// Transposed 2-D convolution (PyTorch <c>conv_transpose2d</c>): <paramref name="weight"/> is
    /// <c>[Cin, Cout/groups, kH, kW]</c>. Computed as the input-gradient of the mirrored convolution.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1, int groups = 1)
    {
        RequireRank(x, 4, "ConvTranspose2d input");
        RequireRank(weight, 4, "ConvTranspose2d weight");
        if (x.Dims[1] != weight.Dims[0])
        {
            throw new ArgumentException($"ConvTranspose2d expects {weight.Dims[0]} input channels but the input has shape {Tensor.FormatShape(x.Dims)}.");
        }

        if (outputPadding >= stride && outputPadding >= dilation)
        {
            throw new ArgumentException("outputPadding must be smaller than stride or dilation.", nameof(outputPadding));
        }

        int kh = weight.Dims[2], kw = weight.Dims[3], cout = weight.Dims[1] * groups;
        var outHeight = ((x.Dims[2] - 1) * stride) - (2 * padding) + (dilation * (kh - 1)) + outputPadding + 1;
        var outWidth = ((x.Dims[3] - 1) * stride) - (2 * padding) + (dilation * (kw - 1)) + outputPadding + 1;

        // The mirrored convolution maps [N, Cout, outH, outW] to [N, Cin, H, W] with the same weight tensor.
        var g = new Conv2dGeometry(x.Dims[0], cout, outHeight, outWidth, x.Dims[1], kh, kw, stride, stride, padding, padding, dilation, dilation, groups);
        g.Validate();
        if (g.OutHeight != x.Dims[2] || g.OutWidth != x.Dims[3])
        {
            throw new ArgumentException($"ConvTranspose2d geometry does not invert for input {Tensor.FormatShape(x.Dims)}.");
        }

        var output = Storage.Uninitialized(g.InputLength);
        Convolution2d.BackwardInput(g, x.Data, weight.Data, output);
        var plane = outHeight * outWidth;
        if (bias is not null)
        {
            AddChannelBias(output, bias.Data, x.Dims[0], cout, plane);
        }

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return BackwardEngine.Record(new Tensor(output, x.Dims[0], cout, outHeight, outWidth), inputs, gradOut =>
        {
            if (weight.RequiresGrad)
            {
                var gw = BufferPool.Rent(weight.Length);
                Convolution2d.BackwardWeight(g, gradOut, x.Data, gw, []);
                BackwardEngine.Accumulate(weight, gw);
            }

            if (bias is not null && bias.RequiresGrad)
            {
                BackwardEngine.Accumulate(bias, ChannelSums(gradOut, x.Dims[0], cout, plane));
            }

            if (x.RequiresGrad)
            {
                var gx = BufferPool.Rent(x.Length);
                Convolution2d.Forward(g, gradOut, weight.Data, [], gx);
                BackwardEngine.Accumulate(x, gx);
            }
        });
    }

    /// <summary>Fully connected layer <c>x W^T + b</c> for <paramref name="x"/> <c>[N, in]</c> and <paramref name="weight"/> <c>[out, in]</c>.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        RequireRank(x, 2, "Linear input");
        RequireRank(weight, 2, "Linear weight");
        int n = x.Dims[0], inFeatures = x.Dims[1], outFeatures = weight.Dims[0];
        if (weight.Dims[1] != inFeatures)
        {
            throw new ArgumentException($"Linear expects {weight.Dims[1]} input features but the input has shape {Tensor.FormatShape(x.Dims)}.");
        }

        var output = new float[n * outFeatures];
        if (bias is not null)
        {
            for (var i = 0; i < n; i++)
            {
                bias.Data.CopyTo(output, i * outFeatures);
            }
        }

        Gemm.Multiply(false, true, n, outFeatures, inFeatures, 1f, x.Data, inFeatures, weight.Data, inFeatures, bias is null ? 0f : 1f, output, outFeatures);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return BackwardEngine.Record(new Tensor(output, n, outFeatures), inputs, g =>
        {
            if (x.RequiresGrad)
            {
                var gx = new float[x.Length];
                Gemm.Multiply(false, false, n, inFeatures, outFeatures, 1f, g, outFeatures, weight.Data, inFeatures, 0f, gx, inFeatures);
                BackwardEngine.Accumulate(x, gx);
            }

            if (weight.RequiresGrad)
            {
                var gw = new float[weight.Length];
                Gemm.Multiply(true, false, outFeatures, inFeatures, n, 1f, g, outFeatures, x.Data, inFeatures, 0f, gw, inFeatures);
                BackwardEngine.Accumulate(weight, gw);
            }

            if (bias is not null && bias.RequiresGrad)
            {
                var gb = new float[outFeatures];
                for (var o = 0; o < outFeatures; o++)
                {
                    double sum = 0;
                    for (var i = 0; i < n; i++)
                    {
                        sum += g[(i * outFeatures) + o];
                    }

                    gb[o] = (float)sum;
                }

                BackwardEngine.Accumulate(bias, gb);
            }
        });
    }

    private static void AddChannelBias(float[] data, float[] bias, int batch, int channels, int plane)
    {
        Parallel.For(0, batch * channels, nc =>
        {
            System.Numerics.Tensors.TensorPrimitives.Add(data.AsSpan(nc * plane, plane), bias[nc % channels], data.AsSpan(nc * plane, plane));
        });
    }

    /// <summary>Per-channel sums over batch and plane, in a fixed order (double accumulation).</summary>
    private static float[] ChannelSums(float[] data, int batch, int channels, int plane)
    {
        var sums = new float[channels];
        Parallel.For(0, channels, c =>
        {
            double sum = 0;
            for (var n = 0; n < batch; n++)
            {
                sum += System.Numerics.Tensors.TensorPrimitives.Sum(data.AsSpan(((n * channels) + c) * plane, plane));
            }

            sums[c] = (float)sum;
        });
        return sums;
    }

    private static void RequireRank(Tensor t, int rank, string what)
    {
        if (t.Rank != rank)
        {
            throw new ArgumentException($"{what} must have {rank} dimensions, got shape {Tensor.FormatShape(t.Dims)}.");
        }
    }
}
