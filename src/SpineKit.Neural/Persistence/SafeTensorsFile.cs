namespace SpineKit.Neural.Persistence;

/// <summary>The content of a safetensors file: named float tensors and the free-form <c>__metadata__</c> strings.</summary>
public sealed record SafeTensorsFile(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
