using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over N, H, W per channel of NCHW <paramref name="x"/>. In training mode it
    /// normalises with the batch statistics and, when given, updates <paramref name="runningMean"/> and
    /// <paramref name="runningVar"/> in place (unbiased variance, PyTorch's momentum convention); in
    /// evaluation mode it uses the running statistics. <paramref name="weight"/>/<paramref name="bias"/> may be null.
    /// </summary>
    /// <param name="x">The NCHW input.</param>
    /// <param name="weight">Per-channel scale, or null for 1.</param>
    /// <param name="bias">Per-channel shift, or null for 0.</param>
    /// <param name="runningMean">Running mean, updated in training mode; required in evaluation mode.</param>
    /// <param name="runningVar">Running variance, updated in training mode; required in evaluation mode.</param>
    /// <param name="training">Batch statistics (true) or running statistics (false).</param>
    /// <param name="momentum">Weight of the new batch in the running statistics.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="inPlace">
    /// Overwrite <paramref name="x"/> and return it when no graph is recorded (inference), saving an
    /// allocation; ignored while gradients are being recorded.
    /// </param>
    public static Tensor BatchNorm2d(
        Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum = 0.1f, float epsilon = 1e-5f, bool inPlace = false)
        => BatchNorm2d<IdentityActivation>(x, weight, bias, runningMean, runningVar, training, momentum, epsilon, inPlace);

    /// <summary>
    /// <see cref="BatchNorm2d(Tensor, Tensor?, Tensor?, Tensor?, Tensor?, bool, float, float, bool)"/> followed by ReLU as
    /// one operation: the normalised values are rectified as they are stored (one pass over the activation instead
    /// of two, one activation-sized array instead of two) and the backward pass gates, sums and writes the input
    /// gradient in two passes over the gradient it receives, in place. Values and gradients equal the composition
    /// <c>Relu(BatchNorm2d(...))</c> up to float rounding.
    /// </summary>
    /// <param name="x">The NCHW input.</param>
    /// <param name="weight">Per-channel scale, or null for 1.</param>
    /// <param name="bias">Per-channel shift, or null for 0.</param>
    /// <param name="runningMean">Running mean, updated in training mode; required in evaluation mode.</param>
    /// <param name="runningVar">Running variance, updated in training mode; required in evaluation mode.</param>
    /// <param name="training">Batch statistics (true) or running statistics (false).</param>
    /// <param name="momentum">Weight of the new batch in the running statistics.</param>
    /// <param name="epsilon">Added to the variance.</param>
    /// <param name="inPlace">Overwrite <paramref name="x"/> and return it when no graph is recorded (inference).</param>
    public static Tensor BatchNormRelu2d(
        Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum = 0.1f, float epsilon = 1e-5f, bool inPlace = false)
        => BatchNorm2d<ReluActivation>(x, weight, bias, runningMean, runningVar, training, momentum, epsilon, inPlace);

    /// <summary>Batch normalisation with <typeparamref name="TActivation"/> applied to its output, one recorded operation.</summary>
    private static Tensor BatchNorm2d<TActivation>(
        Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, float momentum, float epsilon, bool inPlace)
        where TActivation : struct, IFusedActivation
    {
        RequireRank(x, 4, "BatchNorm2d input");
        int batch = x.Dims[0], channels = x.Dims[1], plane = x.Dims[2] * x.Dims[3];
        var count = batch * plane;
        if (!training && (runningMean is null || runningVar is null))
        {
            throw new ArgumentException("BatchNorm2d in evaluation mode needs running statistics.");
        }

        if (training && count < 2)
        {
            throw new ArgumentException($"BatchNorm2d in training mode needs more than one value per channel, got input {Tensor.FormatShape(x.Dims)}.");
        }

        var mean = new float[channels];
        var invStd = new float[channels];
        var recording = GradMode.IsEnabled && (x.RequiresGrad || (weight?.RequiresGrad ?? false) || (bias?.RequiresGrad ?? false));
        var overwrite = inPlace && !recording;
        var output = overwrite ? x.Data : Storage.Uninitialized(x.Length);
        Parallel.For(0, channels, c =>
        {
            double m, variance;
            if (training)
            {
                double sum = 0;
                for (var n = 0; n < batch; n++)
                {
                    sum += ChannelStatistics.Sum(x.Data.AsSpan(((n * channels) + c) * plane, plane));
                }

                m = sum / count;
                double squares = 0;
                for (var n = 0; n < batch; n++)
                {
                    squares += ChannelStatistics.SumSquaredDeviations(x.Data.AsSpan(((n * channels) + c) * plane, plane), (float)m);
                }

                variance = squares / count;
                if (runningMean is not null && runningVar is not null)
                {
                    runningMean.Data[c] = (float)(((1 - momentum) * runningMean.Data[c]) + (momentum * m));
                    runningVar.Data[c] = (float)(((1 - momentum) * runningVar.Data[c]) + (momentum * variance * count / (count - 1)));
                }
            }
            else
            {
                m = runningMean!.Data[c];
                variance = runningVar!.Data[c];
            }

            var inv = 1.0 / Math.Sqrt(variance + epsilon);
            mean[c] = (float)m;
            invStd[c] = (float)inv;
            var scale = (weight?.Data[c] ?? 1f) * inv;
            var shift = (bias?.Data[c] ?? 0f) - (m * scale);
            for (var n = 0; n < batch; n++)
            {
                var offset = ((n * channels) + c) * plane;
                AffineKernel.Apply<TActivation>(x.Data.AsSpan(offset, plane), (float)scale, (float)shift, output.AsSpan(offset, plane));
            }
        });

        if (overwrite)
        {
            return x;
        }

        var inputs = new List<Tensor> { x };
        if (weight is not null)
        {
            inputs.Add(weight);
        }

        if (bias is not null)
        {
            inputs.Add(bias);
        }

        return BackwardEngine.Record(new Tensor(output, x.Dims), [.. inputs], g =>
        {
            // The input gradient overwrites g, which this operation owns, plane by plane after its sums are taken.
            var gx = x.RequiresGrad ? g : null;
            var gw = weight is { RequiresGrad: true } ? new float[channels] : null;
            var gb = bias is { RequiresGrad: true } ? new float[channels] : null;
            Parallel.For(0, channels, c =>
            {
                double sumDy = 0, sumDyCentered = 0;
                for (var n = 0; n < batch; n++)
                {
                    var offset = ((n * channels) + c) * plane;
                    var (sum, centered) = ChannelStatistics.GradientSums<TActivation>(x.Data.AsSpan(offset, plane), output.AsSpan(offset, plane), g.AsSpan(offset, plane), mean[c]);
                    sumDy += sum;
                    sumDyCentered += centered;
                }

                double inv = invStd[c], w = weight?.Data[c] ?? 1f;
                gw?[c] = (float)(sumDyCentered * inv);
                gb?[c] = (float)sumDy;
                if (gx is null)
                {
                    return;
                }

                // dx = a*dy + b*x + k, the closed form of the batch-norm gradient (evaluation mode: b = k = 0).
                var a = w * inv;
                var b = training ? -w * inv * inv * inv * sumDyCentered / count : 0;
                var k = training ? (-a * sumDy / count) - (b * mean[c]) : 0;
                for (var n = 0; n < batch; n++)
                {
                    var offset = ((n * channels) + c) * plane;
                    NormalizationGradient.Apply<TActivation>(
                        x.Data.AsSpan(offset, plane), output.AsSpan(offset, plane), g.AsSpan(offset, plane), (float)a, (float)b, (float)k, gx.AsSpan(offset, plane));
                }
            });

            if (gx is not null)
            {
                BackwardEngine.Accumulate(x, gx);
            }

            if (gw is not null)
            {
                BackwardEngine.Accumulate(weight!, gw);
            }

            if (gb is not null)
            {
                BackwardEngine.Accumulate(bias!, gb);
            }
        });
    }

    /// <summary>
    /// Group normalisation: channels split into <paramref name="groups"/>, each normalised over its
    /// channels and plane per sample, then scaled by per-channel <paramref name="weight"/> and shifted by <paramref name="bias"/>.
    /// </summary>
    public static Tensor GroupNorm(Tensor x, int groups, Tensor? weight, Tensor? bias, float epsilon = 1e-5f)
    {
        RequireRank(x, 4, "GroupNorm input");
        int batch = x.Dims[0], channels = x.Dims[1], plane = x.Dims[2] * x.Dims[3];
        if (groups < 1 || channels % groups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels cannot be split into {groups} groups.");
        }

        var perGroup = channels / groups;
        var span = perGroup * plane;
        var mean = new float[batch * groups];
        var invStd = new float[batch * groups];
        var output = Storage.Uninitialized(x.Length);
        Parallel.For(0, batch * groups, ng =>
        {
            var values = x.Data.AsSpan(ng * span, span);
            var m = (float)(ChannelStatistics.Sum(values) / span);
            var inv = 1.0 / Math.Sqrt((ChannelStatistics.SumSquaredDeviations(values, m) / span) + epsilon);
            mean[ng] = m;
            invStd[ng] = (float)inv;
            for (var cg = 0; cg < perGroup; cg++)
            {
                var c = ((ng % groups) * perGroup) + cg;
                var scale = (weight?.Data[c] ?? 1f) * inv;
                var shift = (bias?.Data[c] ?? 0f) - (m * scale);
                var offset = (ng * span) + (cg * plane);
                AffineKernel.Apply(x.Data.AsSpan(offset, plane), (float)scale, (float)shift, output.AsSpan(offset, plane));
            }
        });

        var inputs = new List<Tensor> { x };
        if (weight is not null)
        {
            inputs.Add(weight);
        }

        if (bias is not null)
        {
            inputs.Add(bias);
        }

        return BackwardEngine.Record(new Tensor(output, x.Dims), [.. inputs], g =>
        {
            // Per (sample, channel): sum(dy) and sum(dy * (x - mean)); the rest follows from these.
            var sumDy = new double[batch * channels];
            var sumDyCentered = new double[batch * channels];
            Parallel.For(0, batch * channels, nc =>
            {
                var ng = ((nc / channels) * groups) + ((nc % channels) / perGroup);
                sumDy[nc] = ChannelStatistics.Sum(g.AsSpan(nc * plane, plane));
                sumDyCentered[nc] = ChannelStatistics.CenteredDot(x.Data.AsSpan(nc * plane, plane), g.AsSpan(nc * plane, plane), mean[ng]);
            });

            if (weight is { RequiresGrad: true } || bias is { RequiresGrad: true })
            {
                var gw = new float[channels];
                var gb = new float[channels];
                for (var c = 0; c < channels; c++)
                {
                    double w = 0, b = 0;
                    for (var n = 0; n < batch; n++)
                    {
                        w += sumDyCentered[(n * channels) + c] * invStd[(n * groups) + (c / perGroup)];
                        b += sumDy[(n * channels) + c];
                    }

                    gw[c] = (float)w;
                    gb[c] = (float)b;
                }

                if (weight is { RequiresGrad: true })
                {
                    BackwardEngine.Accumulate(weight, gw);
                }

                if (bias is { RequiresGrad: true })
                {
                    BackwardEngine.Accumulate(bias, gb);
                }
            }

            if (!x.RequiresGrad)
            {
                return;
            }

            // The sums are taken: the input gradient overwrites g, which this operation owns.
            var gx = g;
            Parallel.For(0, batch * groups, ng =>
            {
                var n = ng / groups;
                double sumWDy = 0, sumWDyCentered = 0;
                for (var cg = 0; cg < perGroup; cg++)
                {
                    var c = ((ng % groups) * perGroup) + cg;
                    var w = weight?.Data[c] ?? 1f;
                    sumWDy += w * sumDy[(n * channels) + c];
                    sumWDyCentered += w * sumDyCentered[(n * channels) + c];
                }

                double inv = invStd[ng];
                var b = -inv * inv * inv * sumWDyCentered / span;
                var k = (-inv * sumWDy / span) - (b * mean[ng]);
                for (var cg = 0; cg < perGroup; cg++)
                {
                    var c = ((ng % groups) * perGroup) + cg;
                    var a = (weight?.Data[c] ?? 1f) * inv;
                    var offset = (ng * span) + (cg * plane);
                    NormalizationGradient.Apply<IdentityActivation>(
                        x.Data.AsSpan(offset, plane), x.Data.AsSpan(offset, plane), g.AsSpan(offset, plane), (float)a, (float)b, (float)k, gx.AsSpan(offset, plane));
                }
            });

            BackwardEngine.Accumulate(x, gx);
        });
    }
}
