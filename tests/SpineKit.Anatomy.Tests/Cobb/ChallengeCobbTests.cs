using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Cobb;

public class ChallengeCobbTests
{
    // Rounding the cosine to 8 decimals moves a near-zero angle by up to about 0.006 degrees.
    private const double Tolerance = 0.01;

    [Fact]
    public void CShapedSpineMeasuresAgainstTheFirstAndLastVertebrae()
    {
        // The tilt falls all the way down except a small rise at each end: the centreline bows one way only.
        var spine = SyntheticSpine.FromTilts([10, 20, 15, 10, 0, -10, -20, -15]);

        var result = ChallengeCobb.Compute(spine);

        Assert.False(result.IsSShaped);
        Assert.Equal(ChallengeCobbCase.SingleCurve, result.Case);
        Assert.Equal(1, result.UpperEnd);
        Assert.Equal(6, result.LowerEnd);
        Assert.Equal(40, result.Angles.First, Tolerance);
        Assert.Equal(10, result.Angles.Second, Tolerance); // T1 (10) against U (20)
        Assert.Equal(5, result.Angles.Third, Tolerance); // the last vertebra (-15) against L (-20)
        Assert.Null(result.Pivot);
    }

    [Fact]
    public void SShapedSpineHighOnTheImageLooksAboveUAndBelowL()
    {
        var spine = SyntheticSpine.FromTilts([0, 10, 20, 10, 0, -10, -20, -10, 0], imageHeight: 4000);

        var result = ChallengeCobb.Compute(spine);

        Assert.True(result.IsSShaped);
        Assert.Equal(ChallengeCobbCase.DoubleCurveMainHigh, result.Case);
        Assert.Equal((2, 6), (result.UpperEnd, result.LowerEnd));
        Assert.Equal(40, result.Angles.First, Tolerance);
        Assert.Equal(20, result.Angles.Second, Tolerance);
        Assert.Equal(20, result.Angles.Third, Tolerance);
        Assert.Equal((0, 2), result.SecondPair);
        Assert.Equal((6, 8), result.ThirdPair);
    }

    [Fact]
    public void SShapedSpineLowOnTheImageLooksAboveUAndAboveP()
    {
        // The same spine in a short image: U's and L's lower endplates sum past the image height.
        var spine = SyntheticSpine.FromTilts([0, 10, 20, 10, 0, -10, -20, -10, 0], imageHeight: 300);

        var result = ChallengeCobb.Compute(spine);

        Assert.Equal(ChallengeCobbCase.DoubleCurveMainLow, result.Case);
        Assert.Equal(40, result.Angles.First, Tolerance);
        Assert.Equal(20, result.Angles.Second, Tolerance);
        Assert.Equal(0, result.Pivot);
        Assert.Equal(0, result.Angles.Third, Tolerance); // nothing lies above P = T1
    }

    [Fact]
    public void TiesGoToTheFirstColumnThenTheFirstRow()
    {
        // Pairs (0,1), (1,2), (0,3) and (2,3) all make 10 degrees; column 0 holds the first, at row 1.
        var spine = SyntheticSpine.FromTilts([0, 10, 0, 10]);

        var result = ChallengeCobb.Compute(spine);

        Assert.Equal((0, 1), (result.UpperEnd, result.LowerEnd));
        Assert.Equal(10, result.Angles.First, Tolerance);
    }

    [Fact]
    public void HeightRuleReadsTheLowerEndplatesOfUAndL()
    {
        var spine = SyntheticSpine.FromTilts([0, 10, 20, 10, 0, -10, -20, -10, 0]);
        var midpoints = ChallengeCobb.EndplateMidpoints(spine.CornerArray());
        var sumOfLowerEndplates = midpoints[5].Y + midpoints[13].Y;
        var sumOfUpperEndplates = midpoints[4].Y + midpoints[12].Y;

        // An image height between the two sums separates the lower-endplate rule from an upper-endplate one.
        var height = (sumOfLowerEndplates + sumOfUpperEndplates) / 2;
        var result = ChallengeCobb.Compute(spine.CornerArray(), height);

        Assert.Equal(ChallengeCobbCase.DoubleCurveMainLow, result.Case);
    }

    [Fact]
    public void STestFollowsIeeeSemantics()
    {
        Point2[] slanted = [new(0, 0), new(1, 1), new(2, 2), new(3, 3), new(4, 4)];
        Point2[] curvedOneWay = [new(0, 0), new(2, 1), new(3, 2), new(2, 3), new(1, 4), new(0, 5)];
        Point2[] curvedBothWays = [new(10, 0), new(14, 1), new(14, 2), new(10, 3), new(6, 4), new(6, 5), new(10, 6), new(11, 7)];
        Point2[] vertical = [new(5, 0), new(5, 1), new(5, 2), new(5, 3)];

        Assert.False(ChallengeCobb.IsSShaped(slanted));
        Assert.False(ChallengeCobb.IsSShaped(curvedOneWay.Select(p => p with { X = p.X + (p.Y * 0.1) }).ToArray()));
        Assert.True(ChallengeCobb.IsSShaped(curvedBothWays));

        // 0/0 is NaN, and a NaN makes the spine S-shaped, exactly as in the organisers' program.
        Assert.True(ChallengeCobb.IsSShaped(vertical));
    }

    [Fact]
    public void RawOrderIsUsedAsGiven()
    {
        var spine = SyntheticSpine.FromTilts([10, 20, 15, 10, 0, -10, -20, -15]);
        var reversed = spine.WithVertebrae(spine.Vertebrae.Reverse());

        var result = ChallengeCobb.Compute(reversed);

        // Reversed, the first scanned column holds the lower vertebra of the largest pair.
        Assert.Equal((1, 6), (result.UpperEnd, result.LowerEnd));
        Assert.Equal(40, result.Angles.First, Tolerance);
    }

    [Fact]
    public void RejectsIncompleteCorners()
    {
        Assert.Throws<ArgumentException>(() => ChallengeCobb.Compute(new Point2[6], 100));
        Assert.Throws<ArgumentException>(() => ChallengeCobb.Compute(new Point2[4], 100));
    }
}
