using System.Numerics.Tensors;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Inference.Steps;

/// <summary>The element-wise activations as the engine computes them.</summary>
internal enum Activation
{
    Relu,
    LeakyRelu,
    Sigmoid,
    Tanh,
}

/// <summary>An element-wise activation that could not be fused into a convolution.</summary>
internal sealed class ActivationStep(int input, int output, Activation activation, float slope = 0f) : InferenceStep([input], output)
{
    private const int Chunk = 1 << 15;

    /// <inheritdoc/>
    public override int[] OutputShape(int[][] inputShapes) => inputShapes[0];

    /// <inheritdoc/>
    public override void Run(ValueBuffer[] inputs, ValueBuffer output)
    {
        var length = inputs[0].Length;
        var source = inputs[0].Data;
        var target = output.Data;
        var chunks = (length + Chunk - 1) / Chunk;
        PlaneParallel.For(chunks, length, i =>
        {
            var start = i * Chunk;
            var count = Math.Min(Chunk, length - start);
            var x = source.AsSpan(start, count);
            var y = target.AsSpan(start, count);
            switch (activation)
            {
                case Activation.Relu:
                    TensorPrimitives.Max(x, 0f, y);
                    break;
                case Activation.LeakyRelu:
                    ActivationKernels.LeakyRelu(x, y, slope);
                    break;
                case Activation.Sigmoid:
                    TensorPrimitives.Sigmoid(x, y);
                    break;
                default:
                    TensorPrimitives.Tanh(x, y);
                    break;
            }
        });
    }
}
