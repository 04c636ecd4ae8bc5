using SpineKit.Detection.Training;
using SpineKit.Neural;

namespace SpineKit.Detection.Tests.Training;

public class CenterDetectionLossTests
{
    private const int Size = 6;

    [Fact]
    public void ConfidentCorrectPredictionCostsAlmostNothing()
    {
        var (heat, offsets, weights) = Targets();
        var output = new float[9 * Size * Size];
        for (var i = 0; i < Size * Size; i++)
        {
            output[i] = heat.Data[i] == 1f ? 12f : -12f;
        }

        offsets.Data.CopyTo(output, Size * Size);

        var (total, heatLoss, offsetLoss, _) = CenterDetectionLoss.Compute(new Tensor(output, 1, 9, Size, Size), heat, offsets, weights);

        Assert.InRange(total.Item(), 0f, 1e-3f);
        Assert.InRange(heatLoss, 0f, 1e-3f);
        Assert.Equal(0f, offsetLoss, 6);
    }

    [Fact]
    public void OffsetTermIsTheMeanAbsoluteErrorOverSupervisedCells()
    {
        var (heat, offsets, weights) = Targets();
        var output = new float[9 * Size * Size];
        offsets.Data.CopyTo(output, Size * Size);
        for (var c = 0; c < 8; c++)
        {
            output[((1 + c) * Size * Size) + 14] += 2f;
        }

        var (_, _, offsetLoss, _) = CenterDetectionLoss.Compute(new Tensor(output, 1, 9, Size, Size), heat, offsets, weights);

        Assert.Equal(2f, offsetLoss, 5);
    }

    [Fact]
    public void LevelTermIsTheMeanAbsoluteLevelErrorOverSupervisedCells()
    {
        var (heat, offsets, weights) = Targets();
        var output = new float[10 * Size * Size];
        offsets.Data.CopyTo(output, Size * Size);
        var levels = new float[Size * Size];
        levels[14] = 1.5f;
        output[(9 * Size * Size) + 14] = 2.25f;

        var (total, _, _, levelLoss) = CenterDetectionLoss.Compute(new Tensor(output, 1, 10, Size, Size), heat, offsets, weights, new Tensor(levels, 1, 1, Size, Size));
        var (withoutLevels, _, _, _) = CenterDetectionLoss.Compute(new Tensor(output.AsSpan(0, 9 * Size * Size).ToArray(), 1, 9, Size, Size), heat, offsets, weights);

        Assert.Equal(0.75f, levelLoss, 5);
        Assert.Equal(withoutLevels.Item() + (0.75f * CenterDetectionLoss.LevelWeight), total.Item(), 4);
    }

    [Fact]
    public void GradientRaisesThePeakAndLowersTheBackground()
    {
        var (heat, offsets, weights) = Targets();
        var logits = new Tensor(new float[9 * Size * Size], 1, 9, Size, Size) { RequiresGrad = true };

        var (total, _, _, _) = CenterDetectionLoss.Compute(logits, heat, offsets, weights);
        total.Backward();

        Assert.True(logits.Grad!.Data[14] < 0, "descending the loss must raise the peak logit");
        Assert.True(logits.Grad!.Data[0] > 0, "and lower a far background logit");
    }

    private static (Tensor Heat, Tensor Offsets, Tensor Weights) Targets()
    {
        var heat = new float[Size * Size];
        heat[14] = 1f;
        heat[13] = 0.6f;
        heat[15] = 0.6f;
        var offsets = new float[8 * Size * Size];
        for (var c = 0; c < 8; c++)
        {
            offsets[(c * Size * Size) + 14] = c - 3.5f;
        }

        var weights = new float[Size * Size];
        weights[14] = 1f;
        return (new Tensor(heat, 1, 1, Size, Size), new Tensor(offsets, 1, 8, Size, Size), new Tensor(weights, 1, 1, Size, Size));
    }
}
