namespace SpineKit.Neural.Autograd;

/// <summary>
/// One recorded operation: the tensors it read and the function that turns the gradient of its output
/// into gradients of those inputs (handed to <see cref="BackwardEngine.Accumulate"/>).
/// </summary>
internal sealed class GradNode(Tensor[] inputs, Action<float[]> backward)
{
    /// <summary>The operation's inputs, in the order the operation took them.</summary>
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Receives d(loss)/d(output); may keep or modify that array, which it owns.</summary>
    public Action<float[]> Backward { get; } = backward;
}
