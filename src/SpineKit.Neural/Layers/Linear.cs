namespace SpineKit.Neural.Layers;

/// <summary>Fully connected layer <c>y = x W^T + b</c> on <c>[N, in]</c> inputs.</summary>
public sealed class Linear : UnaryModule
{
    /// <summary>Creates the layer with PyTorch's default initialisation drawn from <paramref name="random"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        Weight = RegisterParameter("weight", Initialization.FanInUniform(random, inFeatures, outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Initialization.FanInUniform(random, inFeatures, outFeatures)) : null;
    }

    /// <summary>The matrix, <c>[out, in]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, <c>[out]</c>, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
