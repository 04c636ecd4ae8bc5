using System.Numerics.Tensors;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

public static partial class Functional
{
    /// <summary>Rectified linear unit, <c>max(x, 0)</c> (gradient 0 at 0, as PyTorch).</summary>
    public static Tensor Relu(Tensor x) => LeakyRelu(x, 0f);

    /// <summary>
    /// ReLU that overwrites <paramref name="x"/> and returns it when no graph is being recorded for it
    /// (inference), saving one activation-sized allocation; otherwise the same as <see cref="Relu(Tensor)"/>.
    /// Anything else holding <paramref name="x"/> (or a view of its storage) sees the rectified values.
    /// </summary>
    public static Tensor ReluInPlace(Tensor x)
    {
        if (GradMode.IsEnabled && x.RequiresGrad)
        {
            return Relu(x);
        }

        ParallelChunks.For(x.Length, (s, n) => ActivationKernels.LeakyRelu(x.Data.AsSpan(s, n), x.Data.AsSpan(s, n), 0f));
        return x;
    }

    /// <summary><c>x</c> where positive, <c>slope * x</c> elsewhere.</summary>
    public static Tensor LeakyRelu(Tensor x, float slope)
    {
        var output = Storage.Uninitialized(x.Length);
        ParallelChunks.For(x.Length, (s, n) => ActivationKernels.LeakyRelu(x.Data.AsSpan(s, n), output.AsSpan(s, n), slope));

        // The output has the input's sign for slope >= 0, so the mask reads the output and the input may be collected.
        var mask = slope >= 0 ? output : x.Data;
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            ParallelChunks.For(g.Length, (s, n) => ActivationKernels.LeakyReluBackward(mask.AsSpan(s, n), g.AsSpan(s, n), slope));
            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Logistic sigmoid <c>1 / (1 + exp(-x))</c>.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        ParallelChunks.For(x.Length, (s, n) => TensorPrimitives.Sigmoid(x.Data.AsSpan(s, n), output.AsSpan(s, n)));
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] *= output[i] * (1f - output[i]);
            }

            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        ParallelChunks.For(x.Length, (s, n) => TensorPrimitives.Tanh(x.Data.AsSpan(s, n), output.AsSpan(s, n)));
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] *= 1f - (output[i] * output[i]);
            }

            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>
    /// Zeroes each element with probability <paramref name="probability"/> and scales the rest by
    /// <c>1 / (1 - p)</c>, drawing the mask from <paramref name="random"/>.
    /// </summary>
    public static Tensor Dropout(Tensor x, float probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (probability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "Dropout probability must be in [0, 1).");
        }

        var mask = new float[x.Length];
        var keep = 1f / (1f - probability);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextSingle() >= probability ? keep : 0f;
        }

        var output = Storage.Uninitialized(x.Length);
        TensorPrimitives.Multiply(x.Data, mask, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            TensorPrimitives.Multiply(g, mask, g);
            BackwardEngine.Accumulate(x, g);
        });
    }
}
