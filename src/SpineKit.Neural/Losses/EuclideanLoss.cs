namespace SpineKit.Neural.Losses;

/// <summary>Mean Euclidean distance between predicted and target points <c>[..., D]</c> (D = 2 for image coordinates).</summary>
public sealed class EuclideanLoss
{
    /// <summary>Returns <c>mean(||prediction - target||)</c> over all points.</summary>
    public Tensor Forward(Tensor prediction, Tensor target) => Functional.EuclideanNorm(prediction - target).Mean();
}
