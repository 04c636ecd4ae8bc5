namespace SpineKit.Neural.Layers;

/// <summary>A module with one input and one output, the kind <see cref="Sequential"/> chains.</summary>
public abstract class UnaryModule : Module
{
    /// <summary>Applies the module to <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);
}
