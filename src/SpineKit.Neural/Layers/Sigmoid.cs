namespace SpineKit.Neural.Layers;

/// <summary>Logistic sigmoid.</summary>
public sealed class Sigmoid : UnaryModule
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);
}
