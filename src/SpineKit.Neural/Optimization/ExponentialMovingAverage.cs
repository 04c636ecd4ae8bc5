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

    /// <summary>Weight of the previous average.</summary>
    public float Decay { get; }

    /// <summary>Folds the module's current values into the averages; call after each optimiser step.</summary>
    public void Update()
    {
        var parameters = _module.NamedParameters().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, tensor) in _module.StateDict())
        {
            var shadow = _shadow[name];
            if (parameters.Contains(name))
            {
                for (var i = 0; i < shadow.Length; i++)
                {
                    shadow[i] += (1 - Decay) * (tensor.Data[i] - shadow[i]);
                }
            }
            else
            {
                tensor.Data.CopyTo(shadow, 0);
            }
        }
    }

    /// <summary>Writes the averaged parameters and buffers into <paramref name="target"/>.</summary>
    public void CopyTo(Layers.Module target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.LoadStateDict(_shadow.ToDictionary(p => p.Key, p => new Tensor((float[])p.Value.Clone(), Shape(p.Key)), StringComparer.Ordinal));
    }

    private int[] Shape(string name) => [.. _module.StateDict().First(p => p.Name == name).Tensor.Shape];
}
