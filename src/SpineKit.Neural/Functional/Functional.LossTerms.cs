using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>
    /// Element-wise binary cross-entropy on logits, <c>-[w t log s(x) + (1 - t) log(1 - s(x))]</c>, computed
    /// stably; <paramref name="positiveWeight"/> (<c>w</c>) scales the positive term as PyTorch's <c>pos_weight</c>.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, float positiveWeight = 1f)
    {
        RequireSameShape(logits, target, "BinaryCrossEntropyWithLogits");
        var output = Storage.Uninitialized(logits.Length);
        for (var i = 0; i < output.Length; i++)
        {
            double x = logits.Data[i], t = target.Data[i];
            var w = 1 + ((positiveWeight - 1) * t);

            // softplus(-x) = log(1 + exp(-x)) without overflow.
            var softplusNegative = Math.Log(1 + Math.Exp(-Math.Abs(x))) + Math.Max(-x, 0);
            output[i] = (float)(((1 - t) * x) + (w * softplusNegative));
        }

        return BackwardEngine.Record(new Tensor(output, logits.Dims), [logits, target], g =>
        {
            if (target.RequiresGrad)
            {
                throw new NotSupportedException("BinaryCrossEntropyWithLogits does not differentiate with respect to the target.");
            }

            for (var i = 0; i < g.Length; i++)
            {
                double x = logits.Data[i], t = target.Data[i];
                var w = 1 + ((positiveWeight - 1) * t);
                var sigmoidNegative = 1 / (1 + Math.Exp(x));
                g[i] = (float)(g[i] * ((1 - t) - (w * sigmoidNegative)));
            }

            BackwardEngine.Accumulate(logits, g);
        });
    }

    /// <summary>Element-wise power <c>x^exponent</c> (for non-negative <paramref name="x"/> when the exponent is fractional).</summary>
    public static Tensor Pow(Tensor x, float exponent)
    {
        var output = Storage.Uninitialized(x.Length);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = MathF.Pow(x.Data[i], exponent);
        }

        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] *= exponent == 0 ? 0 : exponent * MathF.Pow(x.Data[i], exponent - 1);
            }

            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Element-wise Huber-style smooth L1: <c>0.5 d^2 / beta</c> where <c>|d| &lt; beta</c>, else <c>|d| - 0.5 beta</c>.</summary>
    public static Tensor SmoothL1(Tensor difference, float beta = 1f)
    {
        if (beta <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), "beta must be positive.");
        }

        var output = Storage.Uninitialized(difference.Length);
        for (var i = 0; i < output.Length; i++)
        {
            var d = difference.Data[i];
            output[i] = MathF.Abs(d) < beta ? 0.5f * d * d / beta : MathF.Abs(d) - (0.5f * beta);
        }

        return BackwardEngine.Record(new Tensor(output, difference.Dims), [difference], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                var d = difference.Data[i];
                g[i] *= MathF.Abs(d) < beta ? d / beta : MathF.Sign(d);
            }

            BackwardEngine.Accumulate(difference, g);
        });
    }

    /// <summary>Euclidean norm over the last dimension (gradient 0 where the norm is 0, as PyTorch).</summary>
    public static Tensor EuclideanNorm(Tensor x)
    {
        var inner = x.Dims[^1];
        var rows = x.Length / inner;
        var output = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            for (var j = 0; j < inner; j++)
            {
                sum += (double)x.Data[(r * inner) + j] * x.Data[(r * inner) + j];
            }

            output[r] = (float)Math.Sqrt(sum);
        }

        var shape = x.Rank == 1 ? [1] : x.Dims[..^1];
        return BackwardEngine.Record(new Tensor(output, shape), [x], g =>
        {
            var gx = BufferPool.RentZeroed(x.Length);
            for (var r = 0; r < rows; r++)
            {
                if (output[r] > 0)
                {
                    for (var j = 0; j < inner; j++)
                    {
                        gx[(r * inner) + j] = g[r] * x.Data[(r * inner) + j] / output[r];
                    }
                }
            }

            BackwardEngine.Accumulate(x, gx);
        });
    }

    /// <summary>
    /// Mean negative log-likelihood of class <paramref name="targets"/> under <paramref name="logProbabilities"/>
    /// <c>[N, C, ...]</c>; <paramref name="targets"/> holds one class index per sample and position.
    /// </summary>
    public static Tensor NegativeLogLikelihood(Tensor logProbabilities, int[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int batch = logProbabilities.Dims[0], classes = logProbabilities.Dims[1], inner = logProbabilities.Length / (batch * classes);
        if (targets.Length != batch * inner)
        {
            throw new ArgumentException($"Expected {batch * inner} class indices, got {targets.Length}.", nameof(targets));
        }

        double sum = 0;
        for (var n = 0; n < batch; n++)
        {
            for (var j = 0; j < inner; j++)
            {
                var c = targets[(n * inner) + j];
                if ((uint)c >= (uint)classes)
                {
                    throw new ArgumentOutOfRangeException(nameof(targets), $"Class index {c} is outside [0, {classes}).");
                }

                sum -= logProbabilities.Data[(((n * classes) + c) * inner) + j];
            }
        }

        var count = targets.Length;
        return BackwardEngine.Record(Tensor.Scalar((float)(sum / count)), [logProbabilities], g =>
        {
            var gx = BufferPool.RentZeroed(logProbabilities.Length);
            for (var n = 0; n < batch; n++)
            {
                for (var j = 0; j < inner; j++)
                {
                    gx[(((n * classes) + targets[(n * inner) + j]) * inner) + j] = -g[0] / count;
                }
            }

            BackwardEngine.Accumulate(logProbabilities, gx);
        });
    }

    private static void RequireSameShape(Tensor a, Tensor b, string what)
    {
        if (!a.SameShape(b))
        {
            throw new ArgumentException($"{what}: shapes {Tensor.FormatShape(a.Dims)} and {Tensor.FormatShape(b.Dims)} differ.");
        }
    }
}
