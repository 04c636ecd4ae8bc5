using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Persistence;

/// <summary>Saving and loading a module's state_dict as safetensors, with PyTorch-compatible names.</summary>
public static class ModuleWeights
{
    /// <summary>Writes every parameter and buffer of <paramref name="module"/> plus <paramref name="metadata"/>.</summary>
    public static void Save(Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensorsWriter.Write(path, module.StateDict(), metadata);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="module"/>. Missing <c>num_batches_tracked</c>
    /// counters are tolerated (not every exporter writes them); any other missing, extra or mis-shaped
    /// tensor raises <see cref="ModelFormatException"/>. Returns the file's metadata.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        var file = SafeTensorsReader.Read(path);
        Apply(module, file.Tensors);
        return file.Metadata;
    }

    /// <summary>Copies <paramref name="tensors"/> into <paramref name="module"/> with the checks of <see cref="Load"/>.</summary>
    public static void Apply(Module module, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tensors);
        var own = module.StateDict();
        var names = own.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var missing = own.Where(p => !tensors.ContainsKey(p.Name) && !p.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        var unexpected = tensors.Keys.Where(k => !names.Contains(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            throw new ModelFormatException($"weights do not match the network: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }

        foreach (var (name, tensor) in own)
        {
            if (tensors.TryGetValue(name, out var source) && !source.SameShape(tensor))
            {
                throw new ModelFormatException($"'{name}' has shape {Tensor.FormatShape(source.Shape)} in the file but {Tensor.FormatShape(tensor.Shape)} in the network");
            }
        }

        module.LoadStateDict(tensors, strict: false);
    }
}
