using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Inference;

public class LocalCorrectionTests
{
    // Twelve bodies 40 px tall, one every 60 px: the median spacing is 60 px.
    private static readonly LandmarkSet Automatic = Chain(VertebraLevel.T1, 12, top: 100);

    [Fact]
    public void ASmallClickAfterWhichTheFarChainMovedAWholeBodyIsLocal()
    {
        // T2's top-left moved 30 px (half a spacing); the re-prediction renamed every body a level up.
        var hint = new CornerHint(VertebraLevel.T2, Corner.TopLeft, 400, 190);
        var shifted = Chain(VertebraLevel.T1, 12, top: 40);

        Assert.True(LocalCorrection.Applies(Automatic, Automatic, shifted, [hint]));
    }

    [Fact]
    public void AClickOfABodyOrMoreMayShiftTheChain()
    {
        var hint = new CornerHint(VertebraLevel.T2, Corner.TopLeft, 400, 160 + 60);
        var shifted = Chain(VertebraLevel.T1, 12, top: 40);

        Assert.False(LocalCorrection.Applies(Automatic, Automatic, shifted, [hint]));
    }

    [Fact]
    public void AChainThatStayedWhereItWasIsTakenAsPredicted()
    {
        var hint = new CornerHint(VertebraLevel.T2, Corner.TopLeft, 400, 190);
        var nudged = Chain(VertebraLevel.T1, 12, top: 110);

        Assert.False(LocalCorrection.Applies(Automatic, Automatic, nudged, [hint]));
    }

    [Fact]
    public void OnlyBodiesFarFromEveryClickCount()
    {
        // Every body more than a level from T4 or T9 stayed; those near the clicks moved a whole spacing.
        var hints = new[] { new CornerHint(VertebraLevel.T4, Corner.TopLeft, 400, 300), new CornerHint(VertebraLevel.T9, Corner.TopLeft, 400, 600) };
        var near = new HashSet<VertebraLevel> { VertebraLevel.T3, VertebraLevel.T4, VertebraLevel.T5, VertebraLevel.T8, VertebraLevel.T9, VertebraLevel.T10 };
        var movedNear = Automatic.WithVertebrae(Automatic.Vertebrae.Select(v => near.Contains(v.Level) ? Move(v, 60) : v));

        Assert.False(LocalCorrection.Applies(Automatic, Automatic, movedNear, hints));
    }

    [Fact]
    public void AClickedLevelTheRePredictionLacksLetsTheRePredictionStand()
    {
        var hint = new CornerHint(VertebraLevel.T2, Corner.TopLeft, 400, 190);
        var shifted = Chain(VertebraLevel.T1, 12, top: 40);
        var withoutT2 = shifted.WithVertebrae(shifted.Vertebrae.Where(v => v.Level != VertebraLevel.T2));

        Assert.False(LocalCorrection.Applies(Automatic, Automatic, withoutT2, [hint]));
    }

    [Fact]
    public void TheFarChainIsComparedBeforeTheRefinerOnBothSides()
    {
        // The refiner moved the shown bodies 40 px (two thirds of a spacing) below where the corner model put them;
        // the re-prediction left the corner model's chain where it was, so nothing shifted.
        var hint = new CornerHint(VertebraLevel.T2, Corner.TopLeft, 400, 170);
        var beforeRefiner = Chain(VertebraLevel.T1, 12, top: 60);

        Assert.False(LocalCorrection.Applies(Automatic, beforeRefiner, beforeRefiner, [hint]));

        // Against the refined bodies the same re-prediction would look shifted.
        Assert.True(LocalCorrection.Applies(Automatic, Automatic, beforeRefiner, [hint]));
    }

    [Fact]
    public void MergeReplacesTheBodiesAtTheSameLevelsAndKeepsTheRest()
    {
        var moved = Move(Automatic.Vertebrae[3], 25);
        var merged = LocalCorrection.Merge(Automatic, Automatic.WithVertebrae([moved]));

        Assert.Equal(Automatic.Vertebrae.Count, merged.Vertebrae.Count);
        Assert.Same(moved, merged.Vertebrae[3]);
        Assert.Equal(Automatic.Vertebrae.Where((_, i) => i != 3), merged.Vertebrae.Where((_, i) => i != 3));
    }

    private static LandmarkSet Chain(VertebraLevel first, int count, double top) =>
        new(new ImageSize(1000, 2000), VertebraLevels.Run(first, count).Select((level, i) =>
        {
            var y = top + (60 * i);
            return new Vertebra(level, new Point2(400, y), new Point2(480, y), new Point2(400, y + 40), new Point2(480, y + 40));
        }));

    private static Vertebra Move(Vertebra v, double dy) =>
        v.WithCorners([.. v.CornerArray().Select(p => new Point2(p.X, p.Y + dy))]);
}
