namespace SpineKit.Neural.Layers;

/// <summary>Softmax over each channel's H x W plane (a probability map per channel).</summary>
public sealed class SpatialSoftmax : UnaryModule
{

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.SpatialSoftmax(input);
}
