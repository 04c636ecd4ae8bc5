namespace SpineKit.Neural.Layers;

/// <summary>Rectified linear unit, <c>max(x, 0)</c>.</summary>
public sealed class ReLU : UnaryModule
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}
