namespace SpineKit.Neural.Layers;

/// <summary>
/// Base of every layer and network: owns named parameters, buffers and child modules, and names them
/// exactly as PyTorch's <c>state_dict</c> does (<c>child.weight</c>, <c>bn.running_mean</c>, ...), so a
/// network defined identically on both sides exchanges weights through safetensors.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Value)> _parameters = [];
    private readonly List<(string Name, Tensor Value)> _buffers = [];
    private readonly List<(string Name, Module Value)> _children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Switches this module and all descendants to training mode; returns this module.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Switches to evaluation mode (running statistics, no dropout); returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Every trainable tensor with its state_dict name, depth first in registration order.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters() => Walk(string.Empty, m => m._parameters);

    /// <summary>Every buffer (running statistics, counters) with its state_dict name.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedBuffers() => Walk(string.Empty, m => m._buffers);

    /// <summary>Every trainable tensor.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor);

    /// <summary>Parameters and buffers by name, ordered as PyTorch orders its state_dict.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> StateDict()
    {
        var result = new List<(string, Tensor)>();
        Collect(string.Empty, result);
        return result;
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into this module's parameters and buffers. With
    /// <paramref name="strict"/>, every name must be present and no extra name may appear; returns the
    /// names of this module that were not found.
    /// </summary>
    public IReadOnlyList<string> LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        var missing = new List<string>();
        foreach (var (name, tensor) in own)
        {
            if (!state.TryGetValue(name, out var source))
            {
                missing.Add(name);
                continue;
            }

            if (!source.SameShape(tensor))
            {
                throw new ArgumentException($"'{name}' has shape {Tensor.FormatShape(source.Shape)} in the state but {Tensor.FormatShape(tensor.Shape)} in the module.");
            }

            source.Data.CopyTo(tensor.Data, 0);
        }

        if (strict)
        {
            var names = own.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var unexpected = state.Keys.Where(k => !names.Contains(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                throw new ArgumentException($"State does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].");
            }
        }

        return missing;
    }

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.Grad = null;
        }
    }

    /// <summary>Registers a trainable tensor under <paramref name="name"/>; it is marked as requiring a gradient.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.RequiresGrad = true;
        _parameters.Add((name, tensor));
        return tensor;
    }

    /// <summary>Registers a non-trainable tensor saved with the weights (e.g. running statistics).</summary>
    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        _buffers.Add((name, tensor));
        return tensor;
    }

    /// <summary>Registers a child module whose names are prefixed with <paramref name="name"/>.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        _children.Add((name, module));
        return module;
    }

    private IEnumerable<(string, Tensor)> Walk(string prefix, Func<Module, List<(string Name, Tensor Value)>> select)
    {
        foreach (var (name, value) in select(this))
        {
            yield return (prefix + name, value);
        }

        foreach (var (name, child) in _children)
        {
            foreach (var item in child.Walk(prefix + name + ".", select))
            {
                yield return item;
            }
        }
    }

    private void Collect(string prefix, List<(string, Tensor)> result)
    {
        result.AddRange(_parameters.Select(p => (prefix + p.Name, p.Value)));
        result.AddRange(_buffers.Select(b => (prefix + b.Name, b.Value)));
        foreach (var (name, child) in _children)
        {
            child.Collect(prefix + name + ".", result);
        }
    }
}
