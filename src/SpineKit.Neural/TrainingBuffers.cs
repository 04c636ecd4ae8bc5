using SpineKit.Neural.Autograd;

namespace SpineKit.Neural;

/// <summary>
/// Memory a training loop reuses from step to step. Inside <see cref="BeginStep"/> the large arrays of the forward
/// pass (every operation's output while a graph is recorded) and of the backward pass (gradients) come from this
/// object's pool, and when the step ends they all go back to it, except the gradients that became a parameter's
/// <see cref="Tensor.Grad"/>. From the second step of the same shapes on, a step then allocates almost nothing large:
/// no page faults on fresh memory and no full garbage collections for the activations. The pool keeps about one step's
/// working set; drop this object to release it.
/// </summary>
/// <remarks>
/// The contract: a tensor computed inside a step with gradients recorded is valid only until the step ends. Read
/// what you need (the loss's <see cref="Tensor.Item"/>, metrics) inside the step, or <see cref="Tensor.Clone"/> it.
/// Parameters, their gradients, optimizer state and anything computed under <see cref="GradMode.NoGrad"/> are not
/// affected. One step at a time, on the thread that began it; work on other threads allocates as usual.
/// </remarks>
public sealed class TrainingBuffers
{
    private readonly BufferPool _pool = BufferPool.ForSteps();

    /// <summary>Bytes parked for the next step.</summary>
    public long PooledBytes => _pool.PooledFloats * sizeof(float);

    /// <summary>Begins a step on the calling thread; dispose the result to end it (at the end of the step's optimizer update).</summary>
    public IDisposable BeginStep() => _pool.BeginStep();
}
