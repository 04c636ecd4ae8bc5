using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Segmentation.PostProcessing;

public class LandmarkGuideTests
{
    // Two axis-aligned vertebrae 20 px wide (x 10..30) and 10 px high: T1 rows 10..19, T2 rows 24..33; the gap is rows 20..23.
    private static LandmarkSet TwoVertebrae(int width = 50, int height = 50) => new(new ImageSize(width, height),
    [
        Box(VertebraLevel.T1, 10, 10, 30, 20),
        Box(VertebraLevel.T2, 10, 24, 30, 34),
    ]);

    private static Image<byte> Full(int width = 50, int height = 50)
    {
        var mask = new Image<byte>(width, height);
        Array.Fill(mask.Pixels, (byte)255);
        return mask;
    }

    [Fact]
    public void WithoutMarginsOnlyThePixelsInsideTheQuadrilateralsStay()
    {
        var guided = new LandmarkGuide(0, 0, CutGaps: false).Apply(Full(), TwoVertebrae());

        // Pixel centres inside: x 10..29, rows 10..19 and 24..33.
        Assert.Equal(2 * 20 * 10, guided.Pixels.Count(p => p == 255));
        Assert.Equal(255, guided[10, 10]);
        Assert.Equal(255, guided[29, 33]);
        Assert.Equal(0, guided[9, 15]);
        Assert.Equal(0, guided[30, 15]);
        Assert.Equal(0, guided[20, 21]);
        Assert.Equal(0, guided[20, 9]);
    }

    [Fact]
    public void MarginsAreFractionsOfEachVertebrasWidthAndHeight()
    {
        // 0.1 of the width (20) = 2 px each side, 0.2 of the height (10) = 2 px above and below.
        var guided = new LandmarkGuide(0.1, 0.2, CutGaps: false).Apply(Full(), TwoVertebrae());

        Assert.Equal(255, guided[8, 8]);
        Assert.Equal(0, guided[7, 15]);
        Assert.Equal(255, guided[31, 15]);
        Assert.Equal(0, guided[32, 15]);
        Assert.Equal(0, guided[20, 7]);

        // T1 grown down to row 21 and T2 up from row 22: the whole gap is kept, 24 x (10 + 2 + 2) per vertebra.
        Assert.Equal(255, guided[20, 21]);
        Assert.Equal(255, guided[20, 22]);
        Assert.Equal(2 * 24 * 14, guided.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void CuttingTheGapRemovesItBetweenAdjacentLevelsOnly()
    {
        var guide = new LandmarkGuide(0.1, 0.2, CutGaps: true);

        var adjacent = guide.Apply(Full(), TwoVertebrae());
        var apart = guide.Apply(Full(), new LandmarkSet(new ImageSize(50, 50), [Box(VertebraLevel.T1, 10, 10, 30, 20), Box(VertebraLevel.T3, 10, 24, 30, 34)]));

        // The gap rows 20..23 go (lengthened by 2 px each side: x 8..31); the margins above T1 and below T2 stay.
        Assert.All(Enumerable.Range(8, 24), x => Assert.Equal(0, adjacent[x, 21]));
        Assert.Equal(0, adjacent[20, 20]);
        Assert.Equal(0, adjacent[20, 23]);
        Assert.Equal(255, adjacent[20, 19]);
        Assert.Equal(255, adjacent[20, 24]);
        Assert.Equal(255, adjacent[20, 8]);
        Assert.Equal(255, adjacent[20, 35]);

        // T1 and T3 are not adjacent (T2 was missed between them): nothing is cut.
        Assert.Equal(255, apart[20, 21]);
    }

    [Fact]
    public void OverlappingBodiesWinOverTheGapBetweenThem()
    {
        // T2's upper endplate (row 18) lies above T1's lower one (row 20): the "gap" polygon is body of both.
        var landmarks = new LandmarkSet(new ImageSize(50, 50), [Box(VertebraLevel.T1, 10, 10, 30, 20), Box(VertebraLevel.T2, 10, 18, 30, 28)]);

        var guided = new LandmarkGuide(0, 0, CutGaps: true).Apply(Full(), landmarks);

        Assert.Equal(255, guided[20, 18]);
        Assert.Equal(255, guided[20, 19]);
        Assert.Equal(20 * 18, guided.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void OnlyPixelsTheVoteDrewAreKept()
    {
        var vote = new Image<byte>(50, 50);
        vote[15, 15] = 1;
        vote[40, 40] = 255;

        var guided = new LandmarkGuide(0.1, 0.1, CutGaps: true).Apply(vote, TwoVertebrae());

        Assert.Equal(255, guided[15, 15]);
        Assert.Equal(1, guided.Pixels.Count(p => p != 0));
    }

    [Fact]
    public void TheInteriorIsBodyWhateverTheVoteSays()
    {
        var vote = new Image<byte>(50, 50);
        vote[9, 15] = 255;
        vote[45, 45] = 255;

        // Inset 0.25: x 15..25, rows 12.5..17.5 of T1 are body; inset 0 makes the mask the quadrilaterals themselves.
        var inset = new LandmarkGuide(0.1, 0, CutGaps: false, InteriorInset: 0.25).Apply(vote, TwoVertebrae());
        var filled = new LandmarkGuide(0, 0, CutGaps: false, InteriorInset: 0).Apply(new Image<byte>(50, 50), TwoVertebrae());

        Assert.Equal(255, inset[20, 15]);
        Assert.Equal(0, inset[14, 15]);
        Assert.Equal(255, inset[9, 15]);
        Assert.Equal(0, inset[45, 45]);
        Assert.Equal(2 * ((10 * 5) + 0) + 1, inset.Pixels.Count(p => p == 255));
        Assert.Equal(2 * 20 * 10, filled.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void TiltedVertebraeGrowAlongTheirOwnAxes()
    {
        // A 20 x 10 box turned by 90 degrees (endplates vertical): the lateral margin now grows it up and down.
        var turned = new Vertebra(VertebraLevel.T5, new Point2(30, 10), new Point2(30, 30), new Point2(20, 10), new Point2(20, 30));
        var landmarks = new LandmarkSet(new ImageSize(50, 50), [turned]);

        var guided = new LandmarkGuide(0.1, 0, CutGaps: false).Apply(Full(), landmarks);

        Assert.Equal(255, guided[25, 8]);
        Assert.Equal(255, guided[25, 31]);
        Assert.Equal(0, guided[19, 20]);
        Assert.Equal(0, guided[30, 20]);
        Assert.Equal(10 * 24, guided.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void LevelsOutsideT1ToL5AndLandmarksWithoutBodiesDoNotGuide()
    {
        var cervicalOnly = new LandmarkSet(new ImageSize(50, 50), [Box(VertebraLevel.C7, 10, 10, 30, 20)]);
        var vote = new Image<byte>(50, 50);
        vote[2, 2] = 7;

        Assert.False(LandmarkGuide.CanGuide(cervicalOnly));
        Assert.False(LandmarkGuide.CanGuide(null));
        Assert.True(LandmarkGuide.CanGuide(TwoVertebrae()));

        // The fallback keeps the vote's mask over the whole film (as 0/255).
        var kept = LandmarkGuide.Default.Apply(vote, cervicalOnly);
        Assert.Equal(255, kept[2, 2]);
        Assert.Equal(1, kept.Pixels.Count(p => p != 0));
        Assert.Equal(255, LandmarkGuide.Default.Apply(vote, null)[2, 2]);
    }

    [Fact]
    public void LandmarksOfAnotherSizeAreRefused() =>
        Assert.Throws<ArgumentException>(() => LandmarkGuide.Default.Apply(new Image<byte>(40, 50), TwoVertebrae()));

    [Fact]
    public void AnInsetOfHalfOrMoreIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandmarkGuide(0, 0, false, 0.5).Region(TwoVertebrae()));

    internal static Vertebra Box(VertebraLevel level, double left, double top, double right, double bottom) =>
        new(level, new Point2(left, top), new Point2(right, top), new Point2(left, bottom), new Point2(right, bottom));
}
