using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>
/// A convolution with whatever the compiler folded into it: a following batch norm (its scale multiplied into the
/// weights, its shift into the bias), a following residual sum (the other operand copied into the output, which the
/// GEMM then adds to) and a following ReLU (applied by the GEMM as each output tile is stored, after the sum). A
/// padded convolution may also read the channel concatenation of two maps in place of a concatenated map (its input
/// is copied into a padded buffer anyway, so the concatenation is never written). The weights of a single-group
/// convolution are packed for the GEMM on the first call, after every fold.
/// </summary>
internal sealed class ConvStep(int input, int output, float[] weight, int[] weightShape, float[]? bias, int stride, int padding, int dilation, int groups)
    : InferenceStep([input], output)
{
    private float[] _weight = weight;
    private float[]? _bias = bias;
    private KernelOptions _options = KernelOptions.Default;
    private int _sources = 1;
    private PackedMatrixA? _packed;

    /// <summary>Output channels.</summary>
    public int OutChannels => weightShape[0];

    /// <summary>Whether the output is clamped at zero.</summary>
    public bool Relu => _options.ReluOutput;

    /// <summary>Whether a residual operand is added to the output.</summary>
    public bool HasResidual => Inputs.Length > _sources;

    /// <summary>Whether the input can be given as two maps to concatenate (a padded, single-group convolution).</summary>
    public bool CanReadConcatenation => padding > 0 && groups == 1 && !HasResidual && _sources == 1;

    /// <summary>Reads the channel concatenation of <paramref name="first"/> and <paramref name="second"/> instead of the input value.</summary>
    public void ReadConcatenation(int first, int second)
    {
        if (!CanReadConcatenation)
        {
            throw new InvalidOperationException("Only a padded single-group convolution without a residual reads a concatenation in place.");
        }

        Inputs = [first, second];
        _sources = 2;
    }

    /// <summary>Folds <c>y * scale[c] + shift[c]</c> (an evaluation-mode batch norm) into the weights and bias.</summary>
    public void FoldAffine(double[] scale, double[] shift)
    {
        if (Relu)
        {
            throw new InvalidOperationException("A normalisation cannot be folded through the ReLU already fused into the convolution.");
        }

        if (_packed != null)
        {
            throw new InvalidOperationException("The weights were packed by the first run: fold before running.");
        }

        var perChannel = _weight.Length / OutChannels;
        var bias = new float[OutChannels];
        for (var c = 0; c < OutChannels; c++)
        {
            for (var i = 0; i < perChannel; i++)
            {
                _weight[(c * perChannel) + i] = (float)(_weight[(c * perChannel) + i] * scale[c]);
            }

            bias[c] = (float)(((_bias?[c] ?? 0f) * scale[c]) + shift[c]);
        }

        _bias = bias;
    }

    /// <summary>Makes the output stage apply a ReLU.</summary>
    public void FuseRelu() => _options = _options with { ReluOutput = true };

    /// <summary>Makes the output stage add the value <paramref name="residual"/> (same shape as the output).</summary>
    public void FuseResidual(int residual)
    {
        if (Relu || HasResidual)
        {
            throw new InvalidOperationException("A residual sum must come before the fused ReLU, once.");
        }

        Inputs = [.. Inputs, residual];
        _options = _options with { AccumulateOutput = true };
    }

    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes)
    {
        var g = Geometry(_sources == 1 ? inputShapes[0] : ConcatStep.JoinedShape(inputShapes[0], inputShapes[1]));
        g.Validate();
        int[] shape = [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth];
        if (HasResidual && !inputShapes[_sources].SequenceEqual(shape))
        {
            throw new ArgumentException($"The residual of shape {Tensor.FormatShape(inputShapes[_sources])} cannot be added to a convolution output of shape {Tensor.FormatShape(shape)}.");
        }

        return shape;
    }

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        if (HasResidual)
        {
            inputs[_sources].Span.CopyTo(output.Span);
        }

        if (groups != 1)
        {
            Convolution2d.Forward(Geometry(inputs[0].Shape), inputs[0].Span, _weight, _bias ?? [], output.Span, _options);
            return;
        }

        if (_packed == null)
        {
            // Packed once, after every fold; the plain copy is then dropped so the network holds its weights once.
            var perChannel = _weight.Length / OutChannels;
            _packed = PackedMatrixA.Persistent(OutChannels, perChannel, _weight, perChannel, false);
            _weight = [];
        }

        var g = Geometry(_sources == 1 ? inputs[0].Shape : ConcatStep.JoinedShape(inputs[0].Shape, inputs[1].Shape));
        Convolution2d.ForwardPacked(g, inputs[0].Span, _sources == 1 ? [] : inputs[1].Span, _packed, _bias ?? [], output.Span, _options);
    }

    private Conv2dGeometry Geometry(int[] shape)
    {
        if (shape.Length != 4 || shape[1] != weightShape[1] * groups)
        {
            throw new ArgumentException($"A convolution over {weightShape[1] * groups} channels cannot read a map of shape {Tensor.FormatShape(shape)}.");
        }

        return new Conv2dGeometry(shape[0], shape[1], shape[2], shape[3], weightShape[0], weightShape[2], weightShape[3], stride, stride, padding, padding, dilation, dilation, groups);
    }
}
