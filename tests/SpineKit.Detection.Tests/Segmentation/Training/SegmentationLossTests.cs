using SpineKit.Detection.Segmentation.Training;
using SpineKit.Neural;

namespace SpineKit.Detection.Tests.Segmentation.Training;

public class SegmentationLossTests
{
    private static readonly int[] Targets = [0, 1, 1, 2, 1, 0, 0, 2];

    private static float[] Logits()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 2 * 3 * 4).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
    }

    // The definition written out in doubles: mean per-pixel -log softmax, plus 1 - mean over images of the smoothed body Dice.
    private static double Reference(float[] logits)
    {
        const int n = 2, classes = 3, plane = 4;
        double crossEntropy = 0, dice = 0;
        for (var b = 0; b < n; b++)
        {
            double intersection = 0, sumP = 0, sumT = 0;
            for (var p = 0; p < plane; p++)
            {
                var values = Enumerable.Range(0, classes).Select(c => (double)logits[(((b * classes) + c) * plane) + p]).ToArray();
                var max = values.Max();
                var logSum = max + Math.Log(values.Sum(v => Math.Exp(v - max)));
                var target = Targets[(b * plane) + p];
                crossEntropy -= values[target] - logSum;
                var body = Math.Exp(values[1] - logSum);
                var isBody = target == 1 ? 1 : 0;
                intersection += body * isBody;
                sumP += body;
                sumT += isBody;
            }

            dice += 1 - (((2 * intersection) + 1) / (sumP + sumT + 1));
        }

        return (crossEntropy / (n * plane)) + (dice / n);
    }

    [Fact]
    public void MatchesTheDefinition()
    {
        var logits = Logits();

        var (total, crossEntropy, dice) = SegmentationLoss.Compute(new Tensor(logits, 2, 3, 2, 2), Targets);

        Assert.Equal(Reference(logits), total.Item(), 5);
        Assert.Equal(total.Item(), crossEntropy + dice, 5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var logits = Logits();
        var x = new Tensor((float[])logits.Clone(), 2, 3, 2, 2) { RequiresGrad = true };
        SegmentationLoss.Compute(x, Targets).Total.Backward();
        var analytic = x.Grad!.Data;

        const double h = 1e-3;
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            var minus = (float[])logits.Clone();
            plus[i] += (float)h;
            minus[i] -= (float)h;
            var numeric = (Reference(plus) - Reference(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3, $"logit {i}: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void RejectsTargetsOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => SegmentationLoss.Compute(new Tensor(Logits(), 2, 3, 2, 2), [0, 1]));
}
