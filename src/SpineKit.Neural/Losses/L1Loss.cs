namespace SpineKit.Neural.Losses;

/// <summary>Mean absolute error.</summary>
public sealed class L1Loss
{
    /// <summary>Returns <c>mean(|prediction - target|)</c>.</summary>
    public Tensor Forward(Tensor prediction, Tensor target) => Functional.Abs(prediction - target).Mean();
}
