using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Inference;

public class HintAgreementTests
{
    // T5 and T6: 80 px wide, 40 px tall (mean side 60), tops at 100 and 160.
    private static readonly LandmarkSet Chain = new(new ImageSize(1000, 2000), [Body(VertebraLevel.T5, 400, 100), Body(VertebraLevel.T6, 400, 160)]);

    [Fact]
    public void ACornerWhereItsBodyPutsItAgreesWhicheverCornerItIs()
    {
        var t5 = Chain.Find(VertebraLevel.T5)!;

        foreach (var corner in Corners.All)
        {
            Assert.Equal(0, HintAgreement.Worst(Chain, [new CornerHint(VertebraLevel.T5, corner, t5[corner].X, t5[corner].Y)]), 9);
        }
    }

    [Fact]
    public void ABodyLeftOnAnotherVertebraDisagreesByTheDistanceInMeanSides()
    {
        // The user's top-right corner of T6 is kept, but the model put the other three on the body 180 px below: the
        // corner the three imply lies 180 px from the kept one, three mean sides.
        var t6 = Body(VertebraLevel.T6, 400, 340);
        var kept = new CornerHint(VertebraLevel.T6, Corner.TopRight, 480, 160);
        var corners = t6.CornerArray();
        corners[(int)Corner.TopRight] = new Point2(kept.X, kept.Y);
        var scattered = Chain.WithVertebrae([Chain.Find(VertebraLevel.T5)!, t6.WithCorners(corners)]);

        var worst = HintAgreement.Worst(scattered, [new CornerHint(VertebraLevel.T5, Corner.TopLeft, 400, 100), kept]);

        Assert.Equal(3, worst, 9);
        Assert.True(worst > HintAgreement.Limit);
    }

    [Fact]
    public void AHintedLevelTheResultLostIsTheWorstDisagreementAndNoHintsNone()
    {
        Assert.Equal(double.PositiveInfinity, HintAgreement.Worst(Chain, [new CornerHint(VertebraLevel.T5, Corner.TopLeft, 400, 100), new CornerHint(VertebraLevel.L2, Corner.TopLeft, 10, 10)]));
        Assert.Equal(0, HintAgreement.Worst(Chain, []));
    }

    [Fact]
    public void MovingABodyShiftsAllFourCornersSoTheHintedOneLandsOnTheHintAndLeavesTheOthers()
    {
        var hint = new CornerHint(VertebraLevel.T6, Corner.BottomLeft, 430, 250);

        var moved = HintAgreement.MoveBody(Chain, hint, [hint]);

        // T6's bottom-left corner was (400, 200): every corner moves by (30, 50).
        Assert.Equal([new Point2(430, 210), new Point2(510, 210), new Point2(430, 250), new Point2(510, 250)], moved.Find(VertebraLevel.T6)!.CornerArray());
        Assert.Equal(Chain.Find(VertebraLevel.T5)!.CornerArray(), moved.Find(VertebraLevel.T5)!.CornerArray());
        Assert.Same(Chain, HintAgreement.MoveBody(Chain, new CornerHint(VertebraLevel.L1, Corner.TopLeft, 5, 5), []));
    }

    [Fact]
    public void TheUsersOtherCornersOnTheMovedBodyStayWhereTheyWerePut()
    {
        var earlier = new CornerHint(VertebraLevel.T6, Corner.TopRight, 470, 150);
        var newest = new CornerHint(VertebraLevel.T6, Corner.BottomLeft, 430, 250);

        var body = HintAgreement.MoveBody(Chain, newest, [earlier, newest, new CornerHint(VertebraLevel.T5, Corner.TopLeft, 1, 1)]).Find(VertebraLevel.T6)!;

        Assert.Equal(new Point2(470, 150), body.TopRight);
        Assert.Equal(new Point2(430, 250), body.BottomLeft);
        Assert.Equal(new Point2(430, 210), body.TopLeft);
    }

    [Fact]
    public void TheOtherHintsKeepTheirOrderAndLoseEveryHintOnTheNewestCorner()
    {
        var a = new CornerHint(VertebraLevel.T6, Corner.TopLeft, 1, 1);
        var b = new CornerHint(VertebraLevel.T5, Corner.TopLeft, 2, 2);
        var replaced = new CornerHint(VertebraLevel.T6, Corner.BottomLeft, 3, 3);
        var c = new CornerHint(VertebraLevel.L1, Corner.BottomRight, 4, 4);
        var newest = new CornerHint(VertebraLevel.T6, Corner.BottomLeft, 5, 5);

        Assert.Equal([a, b, c], HintAgreement.Others([a, b, replaced, c, newest], newest));
    }

    private static Vertebra Body(VertebraLevel level, double left, double top) =>
        new(level, new Point2(left, top), new Point2(left + 80, top), new Point2(left, top + 40), new Point2(left + 80, top + 40));
}
