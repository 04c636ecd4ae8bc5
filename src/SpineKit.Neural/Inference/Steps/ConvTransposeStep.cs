using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>
/// A transposed convolution plus its bias: one whose kernel equals its stride (a U-Net's up-sampling) by
/// <see cref="PatchTransposedConvolution"/> with its weights packed once, any other as the input gradient of the
/// mirrored convolution.
/// </summary>
internal sealed class ConvTransposeStep(int input, int output, float[] weight, int[] weightShape, float[]? bias, int stride, int padding, int outputPadding, int dilation, int groups)
    : InferenceStep([input], output)
{
    private readonly PatchTransposedConvolution? _patches = PatchTransposedConvolution.Applies(weightShape[2], weightShape[3], stride, padding, outputPadding, dilation, groups)
        ? new PatchTransposedConvolution(weightShape[0], weightShape[1], stride, weight, bias)
        : null;

    // The plain weights only for the general path: the patch path packed its own copy (as ConvStep drops its plain one).
    private readonly float[]? _weight = PatchTransposedConvolution.Applies(weightShape[2], weightShape[3], stride, padding, outputPadding, dilation, groups) ? null : weight;

    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var g = Geometry(inputShapes[0]);
        return [g.Batch, g.InChannels, g.InHeight, g.InWidth];
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var g = Geometry(inputs[0].Shape);
        var target = output.Span;
        if (_patches != null)
        {
            _patches.Run(g.Batch, g.OutHeight, g.OutWidth, inputs[0].Span, target, KernelOptions.Default);
            return;
        }

        Convolution2d.BackwardInput(g, inputs[0].Span, _weight!, target);
        if (bias is not null)
        {
            var plane = g.InHeight * g.InWidth;
            for (var n = 0; n < g.Batch; n++)
            {
                for (var c = 0; c < g.InChannels; c++)
                {
                    var slice = target.Slice(((n * g.InChannels) + c) * plane, plane);
                    System.Numerics.Tensors.TensorPrimitives.Add(slice, bias[c], slice);
                }
            }
        }
    }

    private Conv2dGeometry Geometry(int[] shape)
    {
        if (shape.Length != 4 || shape[1] != weightShape[0])
        {
            throw new ArgumentException($"A transposed convolution over {weightShape[0]} channels cannot read a map of shape {Tensor.FormatShape(shape)}.");
        }

        int kh = weightShape[2], kw = weightShape[3], cout = weightShape[1] * groups;
        var outHeight = ((shape[2] - 1) * stride) - (2 * padding) + (dilation * (kh - 1)) + outputPadding + 1;
        var outWidth = ((shape[3] - 1) * stride) - (2 * padding) + (dilation * (kw - 1)) + outputPadding + 1;
        var g = new Conv2dGeometry(shape[0], cout, outHeight, outWidth, shape[1], kh, kw, stride, stride, padding, padding, dilation, dilation, groups);
        g.Validate();
        return g;
    }
}
