namespace SpineKit.Neural.Layers;

/// <summary>Element-wise product of two maps with broadcasting (gating, channel attention).</summary>
public sealed class Mul : Module
{
    /// <summary>Returns <c>a * b</c>.</summary>
    public Tensor Forward(Tensor a, Tensor b) => Functional.Multiply(a, b);
}
