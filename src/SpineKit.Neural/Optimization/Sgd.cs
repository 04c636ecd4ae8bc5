using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Optimization;

/// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (PyTorch's update rule).</summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _velocity;

    /// <summary>Creates the optimiser.</summary>
    public Sgd(IEnumerable<Tensor> parameters, float learningRate, float momentum = 0f, bool nesterov = false, float weightDecay = 0f, float dampening = 0f)
        : base(parameters, learningRate)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening.");
        }

        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Dampening = dampening;
        _velocity = new float[Parameters.Count][];
    }

    /// <summary>Momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>Whether the Nesterov look-ahead is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Damping of the gradient entering the momentum buffer.</summary>
    public float Dampening { get; }

    /// <inheritdoc/>
    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, Tensor Tensor)> SaveState() =>
        [.. _velocity.Select((v, i) => (Name: $"velocity.{i}", Velocity: v)).Where(p => p.Velocity is not null).Select(p => (p.Name, new Tensor((float[])p.Velocity!.Clone(), p.Velocity!.Length)))];

    /// <inheritdoc/>
    public override void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < Parameters.Count; i++)
        {
            _velocity[i] = Restore(state, $"velocity.{i}", Parameters[i].Length);
        }
    }

    /// <inheritdoc/>
    protected override void Update(int index, float[] parameter, float[] gradient)
    {
        var first = _velocity[index] is null;
        if (Momentum != 0 && first)
        {
            _velocity[index] = new float[parameter.Length];
        }

        var velocity = _velocity[index];
        var lr = LearningRate;
        ParallelChunks.For(parameter.Length, (start, count) =>
        {
            for (var i = start; i < start + count; i++)
            {
                var d = gradient[i] + (WeightDecay * parameter[i]);
                if (velocity is not null)
                {
                    velocity[i] = first ? d : (Momentum * velocity[i]) + ((1 - Dampening) * d);
                    d = Nesterov ? d + (Momentum * velocity[i]) : velocity[i];
                }

                parameter[i] -= lr * d;
            }
        });
    }
}
