namespace SpineKit.Neural.Layers;

/// <summary>Element-wise sum of two maps with broadcasting (skip connections).</summary>
public sealed class Add : Module
{
    /// <summary>Returns <c>a + b</c>.</summary>
    public Tensor Forward(Tensor a, Tensor b) => Functional.Add(a, b);
}
