namespace SpineKit.Neural.Losses;

/// <summary>Mean binary cross-entropy on logits (PyTorch <c>BCEWithLogitsLoss</c>), optionally weighting positives.</summary>
public sealed class BceWithLogitsLoss(float positiveWeight = 1f)
{
    /// <summary>Multiplier of the positive-class term (PyTorch <c>pos_weight</c>, a scalar here).</summary>
    public float PositiveWeight { get; } = positiveWeight;

    /// <summary>Returns the mean loss of <paramref name="logits"/> against 0/1 (or soft) <paramref name="target"/>.</summary>
    public Tensor Forward(Tensor logits, Tensor target) => Functional.BinaryCrossEntropyWithLogits(logits, target, PositiveWeight).Mean();
}
