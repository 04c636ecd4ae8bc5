using SpineKit.Detection.Training;
using Xunit;

namespace SpineKit.Detection.Tests.Training;

public sealed class TrainingDesignTests
{
    [Fact]
    public void AnOptionAtZeroLeavesTheDesignAsCheckpointsBeforeTheOptionWroteIt()
    {
        Assert.Equal("unet 8-16", TrainingDesign.WithOption("unet 8-16", "gap dice", 0f));
    }

    [Fact]
    public void AnOptionInUseIsNamedWithItsExactValueSoAnotherValueDoesNotResume()
    {
        var half = TrainingDesign.WithOption("unet 8-16", "gap dice", 0.5f);
        var one = TrainingDesign.WithOption("unet 8-16", "gap dice", 1f);

        Assert.Equal("unet 8-16; gap dice 0.5", half);
        Assert.Equal("crops 96; aspect jitter 0.1", TrainingDesign.WithOption("crops 96", "aspect jitter", 0.1));
        Assert.NotEqual(half, one);
        Assert.NotEqual(half, TrainingDesign.WithOption("unet 8-16", "aspect jitter", 0.5f));
        Assert.NotEqual(TrainingDesign.WithOption("unet 8-16", "gap dice", 0.1f), TrainingDesign.WithOption("unet 8-16", "gap dice", 0.100001f));
    }
}
