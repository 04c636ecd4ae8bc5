namespace SpineKit.Neural.Optimization;

/// <summary>Base of the optimisers: a fixed list of parameters and a learning rate schedulers may change.</summary>
public abstract class Optimizer
{
    /// <summary>Captures <paramref name="parameters"/> (typically <c>module.Parameters()</c>).</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), "The learning rate must be non-negative.");
        }

        Parameters = [.. parameters];
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
    }

    /// <summary>The tensors this optimiser updates.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The current learning rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>The learning rate given at construction (what schedulers scale).</summary>
    public float InitialLearningRate { get; }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        OnStepStarted();
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Grad is { } grad)
            {
                Update(i, Parameters[i].Data, grad.Data);
            }
        }
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.Grad = null;
        }
    }

    /// <summary>
    /// The state a later <see cref="Step"/> depends on (moments, step count), named so a checkpoint can
    /// store it and <see cref="LoadState"/> can put it back: a resumed run then continues exactly.
    /// </summary>
    public virtual IReadOnlyList<(string Name, Tensor Tensor)> SaveState() => [];

    /// <summary>Restores what <see cref="SaveState"/> returned for an optimiser over the same parameters.</summary>
    /// <exception cref="ArgumentException">The state does not fit these parameters.</exception>
    public virtual void LoadState(IReadOnlyDictionary<string, Tensor> state) => ArgumentNullException.ThrowIfNull(state);

    /// <summary>Copies <paramref name="state"/>[<paramref name="name"/>] into a new buffer of <paramref name="length"/> values, or null when absent.</summary>
    protected static float[]? Restore(IReadOnlyDictionary<string, Tensor> state, string name, int length)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue(name, out var tensor))
        {
            return null;
        }

        if (tensor.Length != length)
        {
            throw new ArgumentException($"Optimiser state '{name}' has {tensor.Length} values; its parameter has {length}.", nameof(state));
        }

        return (float[])tensor.Data.Clone();
    }

    /// <summary>Called once per <see cref="Step"/> before any parameter is updated.</summary>
    protected virtual void OnStepStarted()
    {
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, float[] parameter, float[] gradient);
}
