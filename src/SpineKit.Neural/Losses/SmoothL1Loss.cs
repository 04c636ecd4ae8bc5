namespace SpineKit.Neural.Losses;

/// <summary>Mean smooth L1 (Huber with threshold <see cref="Beta"/>, PyTorch <c>SmoothL1Loss</c>).</summary>
public sealed class SmoothL1Loss(float beta = 1f)
{
    /// <summary>Where the loss switches from quadratic to linear.</summary>
    public float Beta { get; } = beta;

    /// <summary>Returns the mean smooth L1 loss.</summary>
    public Tensor Forward(Tensor prediction, Tensor target) => Functional.SmoothL1(prediction - target, Beta).Mean();
}
