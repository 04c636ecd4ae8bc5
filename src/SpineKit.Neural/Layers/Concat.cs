namespace SpineKit.Neural.Layers;

/// <summary>Joins feature maps along the channel dimension (PyTorch <c>torch.cat(tensors, 1)</c>).</summary>
public sealed class Concat : Module
{
    /// <summary>Concatenates <paramref name="inputs"/> along dimension 1.</summary>
    public Tensor Forward(params Tensor[] inputs) => Functional.Concat(1, inputs);
}
