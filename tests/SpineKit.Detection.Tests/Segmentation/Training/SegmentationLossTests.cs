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

    // The definition written out in doubles: mean per-pixel -log softmax, plus 1 - mean over images of the smoothed body
    // Dice, plus the gap weight times the same for the gap class.
    private static double Reference(float[] logits, double gapWeight = 0)
    {
        const int n = 2, classes = 3, plane = 4;
        double crossEntropy = 0, dice = 0, gapDice = 0;
        for (var b = 0; b < n; b++)
        {
            var intersection = new double[classes];
            var sumP = new double[classes];
            var sumT = new double[classes];
            for (var p = 0; p < plane; p++)
            {
                var values = Enumerable.Range(0, classes).Select(c => (double)logits[(((b * classes) + c) * plane) + p]).ToArray();
                var max = values.Max();
                var logSum = max + Math.Log(values.Sum(v => Math.Exp(v - max)));
                var target = Targets[(b * plane) + p];
                crossEntropy -= values[target] - logSum;
                for (var c = 1; c < classes; c++)
                {
                    var probability = Math.Exp(values[c] - logSum);
                    var isClass = target == c ? 1 : 0;
                    intersection[c] += probability * isClass;
                    sumP[c] += probability;
                    sumT[c] += isClass;
                }
            }

            dice += 1 - (((2 * intersection[1]) + 1) / (sumP[1] + sumT[1] + 1));
            gapDice += 1 - (((2 * intersection[2]) + 1) / (sumP[2] + sumT[2] + 1));
        }

        return (crossEntropy / (n * plane)) + (dice / n) + (gapWeight * gapDice / n);
    }

    [Fact]
    public void MatchesTheDefinition()
    {
        var logits = Logits();

        var (total, crossEntropy, dice, gapDice) = SegmentationLoss.Compute(new Tensor(logits, 2, 3, 2, 2), Targets);

        Assert.Equal(Reference(logits), total.Item(), 5);
        Assert.Equal(total.Item(), crossEntropy + dice, 5);
        Assert.Equal(0f, gapDice);
    }

    [Fact]
    public void TheGapTermAddsTheGapClassDiceWithItsWeight()
    {
        var logits = Logits();

        var (total, crossEntropy, dice, gapDice) = SegmentationLoss.Compute(new Tensor(logits, 2, 3, 2, 2), Targets, gapDiceWeight: 0.5f);

        Assert.Equal(Reference(logits, 0.5), total.Item(), 5);
        Assert.Equal(total.Item(), crossEntropy + dice + (0.5 * gapDice), 5);
        Assert.InRange(gapDice, 0.05, 1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    public void GradientMatchesFiniteDifferences(double gapWeight)
    {
        var logits = Logits();
        var x = new Tensor((float[])logits.Clone(), 2, 3, 2, 2) { RequiresGrad = true };
        SegmentationLoss.Compute(x, Targets, (float)gapWeight).Total.Backward();
        var analytic = x.Grad!.Data;

        const double h = 1e-3;
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            var minus = (float[])logits.Clone();
            plus[i] += (float)h;
            minus[i] -= (float)h;
            var numeric = (Reference(plus, gapWeight) - Reference(minus, gapWeight)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3, $"logit {i}: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void RejectsTargetsOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => SegmentationLoss.Compute(new Tensor(Logits(), 2, 3, 2, 2), [0, 1]));
}
