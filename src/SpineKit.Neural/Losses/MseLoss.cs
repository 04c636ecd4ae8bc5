namespace SpineKit.Neural.Losses;

/// <summary>Mean squared error.</summary>
public sealed class MseLoss
{
    /// <summary>Returns <c>mean((prediction - target)^2)</c>.</summary>
    public Tensor Forward(Tensor prediction, Tensor target) => Functional.Square(prediction - target).Mean();
}
