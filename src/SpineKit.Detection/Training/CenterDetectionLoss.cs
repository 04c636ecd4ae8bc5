using SpineKit.Neural;

namespace SpineKit.Detection.Training;

/// <summary>
/// The training objective of <see cref="Networks.VertebraNet"/>: CenterNet's penalty-reduced focal loss
/// on the centre heatmap (positives weighted by <c>(1 - p)^2</c>, negatives by <c>p^2 (1 - y)^4</c>, so the
/// sparse peaks are not drowned by background, the failure of plain MSE/BCE heatmaps on this data),
/// normalised by the number of vertebrae, plus the weighted L1 error of the corner offsets in cells,
/// plus (for a network with a level channel) the weighted L1 error of the scaled level index.
/// </summary>
internal static class CenterDetectionLoss
{
    /// <summary>Weight of the offset term relative to the heatmap term.</summary>
    public const float OffsetWeight = 1f;

    /// <summary>Weight of the level term relative to the heatmap term.</summary>
    public const float LevelWeight = 1f;

    /// <summary>Computes the loss for a batch; returns the differentiable total and its parts as numbers.</summary>
    /// <param name="output">Network output <c>[N, 9 or 10, h, w]</c>.</param>
    /// <param name="heat">Target heat <c>[N, 1, h, w]</c>.</param>
    /// <param name="offsets">Target offsets <c>[N, 8, h, w]</c>.</param>
    /// <param name="offsetWeights">Offset (and level) supervision weights <c>[N, 1, h, w]</c>.</param>
    /// <param name="levels">Scaled level targets <c>[N, 1, h, w]</c>; required when the output has a tenth channel.</param>
    public static (Tensor Total, float Heat, float Offsets, float Levels) Compute(Tensor output, Tensor heat, Tensor offsets, Tensor offsetWeights, Tensor? levels = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var logits = Functional.Narrow(output, 1, 0, 1);
        var probability = Functional.Sigmoid(logits);

        var positive = new float[heat.Length];
        var negativeWeight = new float[heat.Length];
        var positives = 0;
        for (var i = 0; i < heat.Length; i++)
        {
            if (heat.Data[i] >= 0.9999f)
            {
                positive[i] = 1;
                positives++;
            }
            else
            {
                var oneMinus = 1 - heat.Data[i];
                negativeWeight[i] = oneMinus * oneMinus * oneMinus * oneMinus;
            }
        }

        var shape = heat.Shape.ToArray();
        var ones = Tensor.Ones(shape);
        var zeros = Tensor.Zeros(shape);
        var positiveTerm = Functional.BinaryCrossEntropyWithLogits(logits, ones)
            * Functional.Square(Functional.Affine(probability, -1f, 1f))
            * new Tensor(positive, shape);
        var negativeTerm = Functional.BinaryCrossEntropyWithLogits(logits, zeros)
            * Functional.Square(probability)
            * new Tensor(negativeWeight, shape);
        var heatLoss = (positiveTerm.Sum() + negativeTerm.Sum()) * (1f / Math.Max(1, positives));

        var predicted = Functional.Narrow(output, 1, 1, 8);
        var weightSum = 0.0;
        foreach (var weight in offsetWeights.Data)
        {
            weightSum += weight;
        }

        var offsetLoss = (Functional.Abs(predicted - offsets) * offsetWeights).Sum() * (float)(1 / Math.Max(1e-6, 8 * weightSum));
        var total = heatLoss + (offsetLoss * OffsetWeight);
        if (output.Shape[1] < 10)
        {
            return (total, heatLoss.Item(), offsetLoss.Item(), 0f);
        }

        ArgumentNullException.ThrowIfNull(levels);
        var predictedLevels = Functional.Narrow(output, 1, 9, 1);
        var levelLoss = (Functional.Abs(predictedLevels - levels) * offsetWeights).Sum() * (float)(1 / Math.Max(1e-6, weightSum));
        return (total + (levelLoss * LevelWeight), heatLoss.Item(), offsetLoss.Item(), levelLoss.Item());
    }
}
