using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Neural;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>
/// The training loss: per-pixel cross-entropy over the three classes plus the soft Dice loss of the
/// body class (softmax probability against the body mask, per image, then averaged). Cross-entropy
/// learns every class; the Dice term keeps the thin, small body class from being drowned by background.
/// </summary>
internal static class SegmentationLoss
{
    private const float Smoothing = 1f;

    /// <summary>Returns (total, cross-entropy, Dice loss) for logits <c>[N, 3, H, W]</c> and one class per pixel.</summary>
    public static (Tensor Total, float CrossEntropy, float Dice) Compute(Tensor logits, int[] classes)
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
        var body = Functional.Exp(Functional.Narrow(logProbabilities, 1, SegmentationNetConfig.BodyClass, 1)).Reshape(n, plane);
        var target = new float[n * plane];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = classes[i] == SegmentationNetConfig.BodyClass ? 1f : 0f;
        }

        var mask = new Tensor(target, n, plane);
        var intersection = Functional.Sum(body * mask, 1);
        var total = Functional.Sum(body, 1) + Functional.Sum(mask, 1);
        var dice = Functional.Affine(Functional.Affine(intersection, 2f, Smoothing) / (total + Smoothing), -1f, 1f).Mean();
        return (crossEntropy + dice, crossEntropy.Item(), dice.Item());
    }
}
