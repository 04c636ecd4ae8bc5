using Layers = SpineKit.Neural.Layers;

namespace SpineKit.Neural.Optimization;

/// <summary>
/// Keeps <c>shadow = decay * shadow + (1 - decay) * parameter</c> after each step, and copies buffers
/// (running statistics) as they are. <see cref="CopyTo"/> writes the averages into a module of the same design.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly Layers.Module _module;
    private readonly Dictionary<string, float[]> _shadow = new(StringComparer.Ordinal);

    /// <summary>Starts the averages at the current values of <paramref name="module"/>.</summary>
    public ExponentialMovingAverage(Layers.Module module, float decay = 0.999f)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (decay is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(decay), "The decay must be in [0, 1].");
        }

        _module = module;
        Decay = decay;
        foreach (var (name, tensor) in module.StateDict())
        {
            _shadow[name] = (float[])tensor.Data.Clone();
        }
    }

    /// <summary>Weight of the previous average (the ceiling, when <see cref="WarmUp"/> is on).</summary>
    public float Decay { get; }

    /// <summary>
    /// When true, update <c>n</c> uses <c>min(Decay, (1 + n) / (10 + n))</c>: early in training the weights move
    /// fast, and a long average would mix far-apart (and mutually inconsistent) weights into a useless model.
    /// </summary>
    public bool WarmUp { get; init; }

    /// <summary>Number of <see cref="Update"/> calls so far.</summary>
    public int Updates { get; private set; }

    /// <summary>The decay the next <see cref="Update"/> will use.</summary>
    public float CurrentDecay => WarmUp ? Math.Min(Decay, (1f + Updates) / (10f + Updates)) : Decay;

    /// <summary>Folds the module's current values into the averages; call after each optimiser step.</summary>
    public void Update()
    {
        var decay = CurrentDecay;
        Updates++;
        var parameters = _module.NamedParameters().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, tensor) in _module.StateDict())
        {
            var shadow = _shadow[name];
            if (parameters.Contains(name))
            {
                for (var i = 0; i < shadow.Length; i++)
                {
                    shadow[i] += (1 - decay) * (tensor.Data[i] - shadow[i]);
                }
            }
            else
            {
                tensor.Data.CopyTo(shadow, 0);
            }
        }
    }

    /// <summary>The averages by state-dictionary name (copies), for a checkpoint.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> SaveState() =>
        [.. _shadow.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, new Tensor((float[])p.Value.Clone(), Shape(p.Key))))];

    /// <summary>Puts back the averages of <see cref="SaveState"/> and the update count, so the next <see cref="Update"/> uses the decay it would have.</summary>
    /// <exception cref="ArgumentException">A name is missing or a size differs.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> averages, int updates)
    {
        ArgumentNullException.ThrowIfNull(averages);
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        foreach (var (name, shadow) in _shadow)
        {
            if (!averages.TryGetValue(name, out var tensor) || tensor.Length != shadow.Length)
            {
                throw new ArgumentException($"The saved averages have no '{name}' of {shadow.Length} values.", nameof(averages));
            }

            tensor.Data.CopyTo(shadow, 0);
        }

        Updates = updates;
    }

    /// <summary>Writes the averaged parameters and buffers into <paramref name="target"/>.</summary>
    public void CopyTo(Layers.Module target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.LoadStateDict(_shadow.ToDictionary(p => p.Key, p => new Tensor((float[])p.Value.Clone(), Shape(p.Key)), StringComparer.Ordinal));
    }

    private int[] Shape(string name) => [.. _module.StateDict().First(p => p.Name == name).Tensor.Shape];
}
