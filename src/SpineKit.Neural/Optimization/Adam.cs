using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Optimization;

/// <summary>
/// Adam (Kingma and Ba) with PyTorch's arithmetic; <see cref="AdamW"/> derives from it with decoupled decay.
/// Here <see cref="WeightDecay"/> is the classic L2 term added to the gradient.
/// </summary>
public class Adam : Optimizer
{
    private readonly float[]?[] _firstMoment;
    private readonly float[]?[] _secondMoment;

    /// <summary>Creates the optimiser.</summary>
    public Adam(IEnumerable<Tensor> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _firstMoment = new float[Parameters.Count][];
        _secondMoment = new float[Parameters.Count][];
    }

    /// <summary>Decay of the first-moment average.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second-moment average.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>Weight-decay coefficient.</summary>
    public float WeightDecay { get; }

    /// <summary>Number of steps taken.</summary>
    public int StepCount { get; private set; }

    /// <summary>True when decay multiplies the parameter directly (AdamW) instead of entering the gradient.</summary>
    protected virtual bool DecoupledDecay => false;

    /// <inheritdoc/>
    protected override void OnStepStarted() => StepCount++;

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, Tensor Tensor)> SaveState()
    {
        var state = new List<(string Name, Tensor Tensor)> { ("step_count", new Tensor([StepCount], 1)) };
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (_firstMoment[i] is { } m && _secondMoment[i] is { } v)
            {
                state.Add(($"m.{i}", new Tensor((float[])m.Clone(), m.Length)));
                state.Add(($"v.{i}", new Tensor((float[])v.Clone(), v.Length)));
            }
        }

        return state;
    }

    /// <inheritdoc/>
    public override void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < Parameters.Count; i++)
        {
            _firstMoment[i] = Restore(state, $"m.{i}", Parameters[i].Length);
            _secondMoment[i] = Restore(state, $"v.{i}", Parameters[i].Length);
        }

        StepCount = state.TryGetValue("step_count", out var steps) ? (int)steps.Data[0] : 0;
    }

    /// <inheritdoc/>
    protected override void Update(int index, float[] parameter, float[] gradient)
    {
        var m = _firstMoment[index] ??= new float[parameter.Length];
        var v = _secondMoment[index] ??= new float[parameter.Length];
        var lr = LearningRate;
        var stepSize = lr / (1 - Math.Pow(Beta1, StepCount));
        var correction2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        float b1 = Beta1, b2 = Beta2, eps = Epsilon, decay = WeightDecay;
        var decoupled = DecoupledDecay;
        ParallelChunks.For(parameter.Length, (start, count) =>
        {
            for (var i = start; i < start + count; i++)
            {
                var g = gradient[i];
                if (decoupled)
                {
                    parameter[i] *= 1 - (lr * decay);
                }
                else
                {
                    g += decay * parameter[i];
                }

                m[i] += (g - m[i]) * (1 - b1);
                v[i] = (v[i] * b2) + ((1 - b2) * g * g);
                var denominator = (float)(Math.Sqrt(v[i]) / correction2Sqrt) + eps;
                parameter[i] -= (float)(stepSize * m[i] / denominator);
            }
        });
    }
}
