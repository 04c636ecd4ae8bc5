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

    /// <summary>
    /// Warm start from another model's weights: every tensor whose name and shape match is copied, and one
    /// whose shape differs only in its first dimension (a head with more or fewer output channels) gets its
    /// overlapping leading slices; the rest keep their initialisation. Returns what was copied, partly copied and left.
    /// </summary>
    public static (int Copied, int Partial, int Left) ApplyOverlapping(Module module, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tensors);
        int copied = 0, partial = 0, left = 0;
        foreach (var (name, tensor) in module.StateDict())
        {
            if (!tensors.TryGetValue(name, out var source) || source.Shape.Count != tensor.Shape.Count || !source.Shape.Skip(1).SequenceEqual(tensor.Shape.Skip(1)))
            {
                left++;
                continue;
            }

            var count = Math.Min(source.Length, tensor.Length);
            source.Data.AsSpan(0, count).CopyTo(tensor.Data);
            if (source.SameShape(tensor))
            {
                copied++;
            }
            else
            {
                partial++;
            }
        }

        return (copied, partial, left);
    }
}
