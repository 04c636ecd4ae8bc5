namespace SpineKit.Neural.Losses;

/// <summary>
/// Soft Dice loss on logits: <c>1 - (2 sum(p t) + s) / (sum(p) + sum(t) + s)</c> per sample and channel with
/// <c>p = sigmoid(logits)</c>, averaged over samples and channels.
/// </summary>
public sealed class DiceLoss(float smoothing = 1f)
{
    /// <summary>Added to numerator and denominator so empty masks are well defined.</summary>
    public float Smoothing { get; } = smoothing;

    /// <summary>Returns the mean Dice loss of <paramref name="logits"/> <c>[N, C, H, W]</c> against masks of the same shape.</summary>
    public Tensor Forward(Tensor logits, Tensor target)
    {
        int n = logits.Size(0), c = logits.Size(1);
        var probability = Functional.Sigmoid(logits).Reshape(n, c, -1);
        var mask = target.Detach().Reshape(n, c, -1);
        var intersection = Functional.Sum(probability * mask, 2);
        var total = Functional.Sum(probability, 2) + Functional.Sum(mask, 2);
        var dice = Functional.Affine(intersection, 2f, Smoothing) / (total + Smoothing);
        return Functional.Affine(dice, -1f, 1f).Mean();
    }
}
