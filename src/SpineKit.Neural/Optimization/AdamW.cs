namespace SpineKit.Neural.Optimization;

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter): parameters shrink by <c>lr * decay</c> each step.</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 1e-2f)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay)
{
    /// <inheritdoc/>
    protected override bool DecoupledDecay => true;
}
