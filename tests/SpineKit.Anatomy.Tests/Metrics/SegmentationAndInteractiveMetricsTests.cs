using SpineKit.Anatomy.Metrics;

namespace SpineKit.Anatomy.Tests.Metrics;

public class SegmentationAndInteractiveMetricsTests
{
    [Fact]
    public void DiceAndIouOnHandCountedMasks()
    {
        byte[] predicted = [1, 1, 0, 0, 0];
        byte[] truth = [255, 0, 7, 0, 0];

        // One pixel in common, two in each mask, three in the union.
        Assert.Equal(0.5, SegmentationMetrics.Dice(predicted, truth), 1e-12);
        Assert.Equal(1.0 / 3, SegmentationMetrics.IntersectionOverUnion(predicted, truth), 1e-12);
        Assert.Equal(1, SegmentationMetrics.Dice(new byte[4], new byte[4]));
        Assert.Equal(0, SegmentationMetrics.IntersectionOverUnion([true, false], [false, true]));
        Assert.Throws<ArgumentException>(() => SegmentationMetrics.Dice(new byte[3], new byte[4]));
    }

    [Fact]
    public void ClickMetrics()
    {
        IReadOnlyList<double>[] errors = [[10, 5, 2], [10, 9, 8], [4, 4, 4]];

        Assert.Equal(8, InteractiveMetrics.ErrorAfterClicks(errors, 0), 1e-12);
        Assert.Equal(6, InteractiveMetrics.ErrorAfterClicks(errors, 1), 1e-12);

        // Clicks to reach 5 px: 1, never (capped at 2), 0.
        Assert.Equal(1.0, InteractiveMetrics.NumberOfClicks(errors, 5, 2), 1e-12);
        Assert.Equal(1.0 / 3, InteractiveMetrics.FailureRate(errors, 5, 2), 1e-12);

        // The first image needs one click, so allowing none adds it to the failures.
        Assert.Equal(1.0 / 3, InteractiveMetrics.FailureRate(errors, 5, 1), 1e-12);
        Assert.Equal(2.0 / 3, InteractiveMetrics.FailureRate(errors, 5, 0), 1e-12);
        Assert.Equal(2, InteractiveMetrics.ClicksToReach(errors[1], 5, 2));
    }
}
