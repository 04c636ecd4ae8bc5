namespace SpineKit.Neural.Losses;

/// <summary>
/// Binary focal loss on logits (Lin et al. 2017): <c>mean(alpha_t (1 - p_t)^gamma BCE)</c>, where <c>p_t</c> is
/// the probability given to the true label and <c>alpha_t = alpha</c> for positives, <c>1 - alpha</c> for negatives.
/// A negative <see cref="Alpha"/> disables the class weighting (torchvision's convention).
/// </summary>
public sealed class FocalLoss(float gamma = 2f, float alpha = 0.25f)
{
    /// <summary>Focusing exponent; 0 gives plain (alpha-weighted) cross-entropy.</summary>
    public float Gamma { get; } = gamma;

    /// <summary>Weight of positives in [0, 1], or negative for none.</summary>
    public float Alpha { get; } = alpha;

    /// <summary>Returns the mean focal loss of <paramref name="logits"/> against 0/1 <paramref name="target"/>.</summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        var probability = Functional.Sigmoid(logits);
        var crossEntropy = Functional.BinaryCrossEntropyWithLogits(logits, target);
        var complement = Functional.Affine(target.Detach(), -1f, 1f);
        var trueProbability = (probability * target.Detach()) + (Functional.Affine(probability, -1f, 1f) * complement);
        var loss = Functional.Pow(Functional.Affine(trueProbability, -1f, 1f), Gamma) * crossEntropy;
        if (Alpha >= 0)
        {
            loss *= Functional.Affine(target.Detach(), (2 * Alpha) - 1, 1 - Alpha);
        }

        return loss.Mean();
    }
}
