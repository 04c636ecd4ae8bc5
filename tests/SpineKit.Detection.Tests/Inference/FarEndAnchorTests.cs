using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Inference;

public class FarEndAnchorTests
{
    // T1..L5, bodies 40 px tall, centre to centre 60 px.
    private static readonly LandmarkSet Automatic = Chain(VertebraLevels.ChallengeLevels.Select((level, i) => (level, 100 + (60.0 * i))));

    [Fact]
    public void AClickInTheLumbarSpineHoldsT1WithAllFourCorners()
    {
        var hint = new CornerHint(VertebraLevel.L4, Corner.BottomLeft, 400, 1100);

        var anchor = FarEndAnchor.Hints(Automatic, [hint]);

        var t1 = Automatic.Find(VertebraLevel.T1)!;
        Assert.Equal(Corners.All, anchor.Select(h => h.Corner));
        Assert.All(anchor, h => Assert.Equal(VertebraLevel.T1, h.Level));
        Assert.Equal(t1.CornerArray(), anchor.Select(h => new Point2(h.X, h.Y)));
    }

    [Fact]
    public void AClickInTheUpperThoraxHoldsL5()
    {
        var anchor = FarEndAnchor.Hints(Automatic, [new CornerHint(VertebraLevel.T3, Corner.TopLeft, 400, 200)]);

        Assert.All(anchor, h => Assert.Equal(VertebraLevel.L5, h.Level));
        Assert.Equal(4, anchor.Count);
    }

    [Fact]
    public void NothingIsHeldNearTheClicksOnAShortChainOrOnceTwoBodiesAreClicked()
    {
        // A click in the middle of a chain from T5 to T11: both ends lie within three levels of it.
        var thoracic = Chain(VertebraLevels.Run(VertebraLevel.T5, 7).Select((level, i) => (level, 100 + (60.0 * i))));
        Assert.Empty(FarEndAnchor.Hints(thoracic, [new CornerHint(VertebraLevel.T8, Corner.TopLeft, 400, 300)]));

        // Five bodies: L1 lies four levels from a click on L5, but the chain is too short to judge its spacing by.
        var lumbar = Chain(VertebraLevels.Run(VertebraLevel.L1, 5).Select((level, i) => (level, 100 + (60.0 * i))));
        Assert.Empty(FarEndAnchor.Hints(lumbar, [new CornerHint(VertebraLevel.L5, Corner.TopLeft, 400, 300)]));

        // Two clicked bodies: the user is correcting the chain, and what they have not clicked is not held.
        Assert.Empty(FarEndAnchor.Hints(Automatic, [new CornerHint(VertebraLevel.L4, Corner.TopLeft, 400, 1000), new CornerHint(VertebraLevel.L2, Corner.TopLeft, 400, 900)]));

        // Two corners of one body are one click target: T1 is still held.
        Assert.Equal(4, FarEndAnchor.Hints(Automatic, [new CornerHint(VertebraLevel.L4, Corner.TopLeft, 400, 1000), new CornerHint(VertebraLevel.L4, Corner.TopRight, 480, 1000)]).Count);
    }

    [Fact]
    public void EvenAndSteadilyGrowingStepsAreRegularAndAStepOverTwoBodiesIsNot()
    {
        Assert.Equal(0, FarEndAnchor.Irregularity(Automatic), 9);

        // Steps growing by 3 % each: their logarithms rise evenly.
        var growing = Chain(VertebraLevels.ChallengeLevels.Select((level, i) => (level, 100 + (60 * (Math.Pow(1.03, i) - 1) / 0.03))));
        Assert.Equal(0, FarEndAnchor.Irregularity(growing), 9);

        // L1 missing: one step of 120 px between steps of 60 px departs by log 2 from its neighbours' mean.
        var missing = Automatic.WithVertebrae(Automatic.Vertebrae.Where(v => v.Level != VertebraLevel.L1));
        Assert.Equal(Math.Log(2), FarEndAnchor.Irregularity(missing), 9);
    }

    private static LandmarkSet Chain(IEnumerable<(VertebraLevel Level, double Top)> bodies) =>
        new(new ImageSize(1000, 2000), bodies.Select(b => new Vertebra(b.Level, new Point2(400, b.Top), new Point2(480, b.Top), new Point2(400, b.Top + 40), new Point2(480, b.Top + 40))));
}
