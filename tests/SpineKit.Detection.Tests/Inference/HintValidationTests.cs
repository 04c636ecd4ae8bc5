using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Inference;

/// <summary>The one check of a correction list: what it refuses, what it lets through, and that the refiner applies it.</summary>
public sealed class HintValidationTests
{
    private static readonly IReadOnlyList<VertebraLevel> Levels = VertebraLevels.Run(VertebraLevel.T1, 17);

    private static readonly InputFrame Frame = new(400, 1000, 64, 128);

    public static TheoryData<string, CornerHint[]> Refused => new()
    {
        { "a correction on C7", [new(VertebraLevel.C7, Corner.TopLeft, 100, 100)] },
        { "far outside the 400 x 1000 image", [new(VertebraLevel.T3, Corner.TopLeft, 801, 100)] },
        { "far outside", [new(VertebraLevel.T3, Corner.TopLeft, 100, -1001)] },
        { "far outside", [new(VertebraLevel.T3, Corner.TopLeft, double.NaN, 100)] },
        { "coincide", [new(VertebraLevel.T8, Corner.TopLeft, 300, 700), new(VertebraLevel.T8, Corner.BottomRight, 300.5, 700.5)] },
        { "lie on a line", [new(VertebraLevel.T5, Corner.TopLeft, 300, 500), new(VertebraLevel.T5, Corner.TopRight, 340, 520), new(VertebraLevel.T5, Corner.BottomRight, 380, 540)] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void DegenerateHintsAreRefusedWithTheirReason(string reason, CornerHint[] hints)
    {
        var error = Assert.Throws<InvalidHintException>(() => HintValidation.Check(hints, Levels, Frame));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVertebraSlightlyOutsideTheImageAndARepeatedCornerPass()
    {
        // An edge vertebra may stick out a little; a later hint on the same corner replaces the earlier one, so
        // the first (coinciding) position of T2's top right no longer counts.
        HintValidation.Check(
        [
            new(VertebraLevel.T1, Corner.TopLeft, -20, -10),
            new(VertebraLevel.T1, Corner.TopRight, 30, -8),
            new(VertebraLevel.T2, Corner.TopLeft, 100, 200),
            new(VertebraLevel.T2, Corner.TopRight, 100, 200),
            new(VertebraLevel.T2, Corner.TopRight, 140, 202),
            new(VertebraLevel.T2, Corner.BottomLeft, 101, 230),
        ], Levels, Frame);
    }

    [Fact]
    public void TheRefinerRefusesDegenerateHintsBeforeTheNetworkRuns()
    {
        var config = new VertebraNetConfig(Frame.InputWidth, Frame.InputHeight, [4, 4, 8, 8, 8], 8, HintChannelCodec.Channels);
        var refiner = new InteractiveRefiner(new LandmarkDetector(LandmarkModel.FromNetwork(new VertebraNet(config, new Random(1)), VertebraLevel.T1, 17)));
        var prepared = refiner.Prepare(new Image<float>(Frame.OriginalWidth, Frame.OriginalHeight));

        var error = Assert.Throws<InvalidHintException>(() => refiner.Refine(prepared, [new(VertebraLevel.L2, Corner.TopLeft, 350, 1700), new(VertebraLevel.L2, Corner.TopRight, 350.5, 1700.25)]));
        Assert.Contains("coincide", error.Message, StringComparison.Ordinal);
    }
}
