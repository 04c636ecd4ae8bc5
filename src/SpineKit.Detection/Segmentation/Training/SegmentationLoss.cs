using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Neural;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>
/// The training loss: per-pixel cross-entropy over the three classes plus the soft Dice loss of the
/// body class (softmax probability against the body mask, per image, then averaged), optionally plus a
/// weighted soft Dice loss of the gap class. Cross-entropy learns every class; the body Dice term keeps the
/// thin, small body class from being drowned by background; the gap term makes a body drawn into the disc
/// cost in proportion to the thin gap it erases, which cross-entropy (a few pixels among many) barely sees.
/// </summary>
internal static class SegmentationLoss
{
    private const float Smoothing = 1f;

    /// <summary>
    /// Returns (total, cross-entropy, body Dice loss, gap Dice loss) for logits <c>[N, 3, H, W]</c> and one class per
    /// pixel; the gap term is added to the total with <paramref name="gapDiceWeight"/> and only computed when that is
    /// above zero (otherwise reported as 0).
    /// </summary>
    public static (Tensor Total, float CrossEntropy, float Dice, float GapDice) Compute(Tensor logits, int[] classes, float gapDiceWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(classes);
        int n = logits.Size(0), plane = logits.Size(2) * logits.Size(3);
        if (logits.Size(1) != SegmentationNetConfig.Classes || classes.Length != n * plane)
        {
            throw new ArgumentException($"Expected [N, {SegmentationNetConfig.Classes}, H, W] logits and one class per pixel.", nameof(classes));
        }

        var logProbabilities = Functional.LogSoftmaxClasses(logits);
        var crossEntropy = Functional.NegativeLogLikelihood(logProbabilities, classes);
        var dice = SoftDiceLoss(logProbabilities, classes, SegmentationNetConfig.BodyClass);
        var loss = crossEntropy + dice;
        var gapDice = 0f;
        if (gapDiceWeight > 0)
        {
            var gap = SoftDiceLoss(logProbabilities, classes, SegmentationNetConfig.GapClass);
            loss += gap * gapDiceWeight;
            gapDice = gap.Item();
        }

        return (loss, crossEntropy.Item(), dice.Item(), gapDice);
    }

    /// <summary>1 - the smoothed soft Dice of class <paramref name="k"/>'s probability against its mask, per image, averaged.</summary>
    private static Tensor SoftDiceLoss(Tensor logProbabilities, int[] classes, int k)
    {
        int n = logProbabilities.Size(0), plane = logProbabilities.Size(2) * logProbabilities.Size(3);
        var probability = Functional.Exp(Functional.Narrow(logProbabilities, 1, k, 1)).Reshape(n, plane);
        var target = new float[n * plane];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = classes[i] == k ? 1f : 0f;
        }

        var mask = new Tensor(target, n, plane);
        var intersection = Functional.Sum(probability * mask, 1);
        var total = Functional.Sum(probability, 1) + Functional.Sum(mask, 1);
        return Functional.Affine(Functional.Affine(intersection, 2f, Smoothing) / (total + Smoothing), -1f, 1f).Mean();
    }
}
