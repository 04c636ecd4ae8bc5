namespace SpineKit.Neural.Layers;

/// <summary>PyTorch's default initialisation of convolution and linear layers, drawn from an explicit generator.</summary>
internal static class Initialization
{
    /// <summary>
    /// <c>U(-1/sqrt(fanIn), 1/sqrt(fanIn))</c>: what <c>kaiming_uniform_(a=sqrt(5))</c> gives for weights
    /// and what PyTorch uses for biases.
    /// </summary>
    public static Tensor FanInUniform(Random random, int fanIn, params int[] shape)
    {
        var bound = 1f / MathF.Sqrt(Math.Max(1, fanIn));
        return Tensor.RandomUniform(random, -bound, bound, shape);
    }
}
