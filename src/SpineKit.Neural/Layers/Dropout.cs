using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>
/// Zeroes activations with probability <see cref="Probability"/> in training mode (scaling the rest by
/// <c>1/(1-p)</c>); the identity in evaluation mode. The mask comes from the generator given at construction.
/// </summary>
public sealed class Dropout : UnaryModule, IOnnxExportable
{
    private readonly Random _random;

    /// <summary>Creates the layer; <paramref name="random"/> supplies every mask, so runs are reproducible.</summary>
    public Dropout(float probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (probability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "Dropout probability must be in [0, 1).");
        }

        Probability = probability;
        _random = random;
    }

    /// <summary>Chance that an activation is dropped.</summary>
    public float Probability { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        IsTraining && Probability > 0 ? Functional.Dropout(input, Probability, _random) : input;

    /// <summary>Dropout is the identity at inference: no node is added.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input) => input;
}
