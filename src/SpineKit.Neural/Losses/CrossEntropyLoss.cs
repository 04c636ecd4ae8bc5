namespace SpineKit.Neural.Losses;

/// <summary>Mean multi-class cross-entropy on logits <c>[N, C, ...]</c> with class-index targets (PyTorch <c>CrossEntropyLoss</c>).</summary>
public sealed class CrossEntropyLoss
{
    /// <summary>Returns the mean of <c>-log softmax(logits)[target]</c>; <paramref name="targets"/> has one index per sample and position.</summary>
    public Tensor Forward(Tensor logits, int[] targets) => Functional.NegativeLogLikelihood(Functional.LogSoftmaxClasses(logits), targets);
}
