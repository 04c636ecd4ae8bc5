using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using Xunit;

namespace SpineKit.Detection.Tests.Inference;

public sealed class ChainStepsTests
{
    [Fact]
    public void EachStepIsTheDistanceBetweenConsecutiveCentresInTheOrderGiven()
    {
        // Centres (50, 30), (50, 90) and (80, 130): steps 60 and 50 (a 3-4-5 triangle scaled by 10).
        Vertebra[] chain = [Body(VertebraLevel.T1, 50, 30), Body(VertebraLevel.T2, 50, 90), Body(VertebraLevel.T3, 80, 130)];

        var steps = ChainSteps.Lengths(chain);

        Assert.Equal(2, steps.Count);
        Assert.Equal(60, steps[0], 9);
        Assert.Equal(50, steps[1], 9);
        Assert.Equal([50.0, 60.0], ChainSteps.Lengths([chain[2], chain[1], chain[0]]).Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void AChainOfOneOrNoneHasNoSteps()
    {
        Assert.Empty(ChainSteps.Lengths([]));
        Assert.Empty(ChainSteps.Lengths([Body(VertebraLevel.L1, 10, 10)]));
    }

    // A 40 x 20 body centred on (x, y).
    private static Vertebra Body(VertebraLevel level, double x, double y) =>
        new(level, new Point2(x - 20, y - 10), new Point2(x + 20, y - 10), new Point2(x - 20, y + 10), new Point2(x + 20, y + 10));
}
