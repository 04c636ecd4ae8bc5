using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>
/// Batch normalisation per channel. Training mode normalises with batch statistics and updates
/// <c>running_mean</c>, <c>running_var</c> (unbiased) and <c>num_batches_tracked</c>; evaluation mode uses the running statistics.
/// </summary>
public sealed class BatchNorm2d : UnaryModule, IOnnxExportable
{
    /// <summary>
    /// Creates the layer: weight 1, bias 0, running mean 0, running variance 1. With <paramref name="inPlaceInference"/>
    /// it overwrites its input when no graph is recorded (inference), which suits a convolution output nothing else reads.
    /// </summary>
    public BatchNorm2d(int channels, float momentum = 0.1f, float epsilon = 1e-5f, bool inPlaceInference = false)
    {
        InPlaceInference = inPlaceInference;
        Weight = RegisterParameter("weight", Tensor.Ones(channels));
        Bias = RegisterParameter("bias", Tensor.Zeros(channels));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(channels));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(channels));
        BatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros(1));
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>Scale per channel.</summary>
    public Tensor Weight { get; }

    /// <summary>Shift per channel.</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean used in evaluation mode.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance used in evaluation mode.</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen (PyTorch's <c>num_batches_tracked</c>, stored as float).</summary>
    public Tensor BatchesTracked { get; }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Whether inference overwrites the input instead of allocating an output.</summary>
    public bool InPlaceInference { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        CountBatch();
        return Functional.BatchNorm2d(input, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Epsilon, InPlaceInference);
    }

    /// <summary>
    /// <see cref="Forward"/> followed by ReLU as one operation (<see cref="Functional.BatchNormRelu2d"/>): one pass
    /// and one activation-sized array fewer forward, the ReLU's gate folded into the normalisation's backward pass.
    /// </summary>
    /// <param name="input">The NCHW input.</param>
    public Tensor ForwardRelu(Tensor input)
    {
        CountBatch();
        return Functional.BatchNormRelu2d(input, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Epsilon, InPlaceInference);
    }

    private void CountBatch()
    {
        if (IsTraining)
        {
            BatchesTracked.Data[0] += 1;
        }
    }

    /// <summary>Exports the evaluation-mode normalisation, with the running statistics.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Node(
            "BatchNormalization",
            [input, graph.Weight(Weight), graph.Weight(Bias), graph.Weight(RunningMean), graph.Weight(RunningVar)],
            OnnxAttribute.Float("epsilon", Epsilon),
            OnnxAttribute.Float("momentum", 1 - Momentum));
    }
}
