namespace SpineKit.Neural.Layers;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : UnaryModule
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);
}
