using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Cobb;

/// <summary>Properties that must hold for any spine, checked on seeded random ones.</summary>
public class CobbInvariantTests
{
    private static IEnumerable<LandmarkSet> RandomSpines(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var tilts = new double[17];
            tilts[0] = (random.NextDouble() - 0.5) * 20;
            for (var k = 1; k < tilts.Length; k++)
            {
                tilts[k] = tilts[k - 1] + ((random.NextDouble() - 0.5) * 14);
            }

            yield return SyntheticSpine.FromTilts(tilts, imageWidth: 2000, imageHeight: 400 + random.Next(2000));
        }
    }

    [Fact]
    public void FirstAngleIsTheLargestAndAllAreValidAngles()
    {
        foreach (var spine in RandomSpines(1, 300))
        {
            var angles = ChallengeCobb.Compute(spine).Angles;

            Assert.InRange(angles.First, 0, 180);
            Assert.InRange(angles.Second, 0, angles.First);
            Assert.InRange(angles.Third, 0, angles.First);
        }
    }

    [Fact]
    public void UniformScalingAndShiftingChangeNothing()
    {
        foreach (var spine in RandomSpines(2, 200))
        {
            var moved = new LandmarkSet(
                new ImageSize(spine.Size.Width * 3, spine.Size.Height * 3),
                spine.Vertebrae.Select(v => v.WithCorners(v.CornerArray().Select(p => new Point2((p.X * 3) + 7, p.Y * 3)).ToArray())));

            var before = ChallengeCobb.Compute(spine);
            var after = ChallengeCobb.Compute(moved);

            Assert.Equal(before.Case, after.Case);
            Assert.Equal((before.UpperEnd, before.LowerEnd), (after.UpperEnd, after.LowerEnd));
            Assert.Equal(before.Angles.First, after.Angles.First, 1e-6);
            Assert.Equal(before.Angles.Second, after.Angles.Second, 1e-6);
            Assert.Equal(before.Angles.Third, after.Angles.Third, 1e-6);
        }
    }

    [Fact]
    public void MirroringKeepsCurvesAndFlipsTheirSide()
    {
        foreach (var spine in RandomSpines(3, 200))
        {
            // Mirror x; left and right corners swap names.
            var mirrored = spine.WithVertebrae(spine.Vertebrae.Select(v => new Vertebra(
                v.Level,
                Mirror(v.TopRight, spine.Size),
                Mirror(v.TopLeft, spine.Size),
                Mirror(v.BottomRight, spine.Size),
                Mirror(v.BottomLeft, spine.Size))));

            var original = ClinicalCurves.Analyze(spine).Curves;
            var flipped = ClinicalCurves.Analyze(mirrored).Curves;

            Assert.Equal(original.Count, flipped.Count);
            for (var k = 0; k < original.Count; k++)
            {
                Assert.Equal(original[k].CobbAngle, flipped[k].CobbAngle, 1e-9);
                Assert.Equal((original[k].UpperEnd, original[k].LowerEnd, original[k].Apex), (flipped[k].UpperEnd, flipped[k].LowerEnd, flipped[k].Apex));
                Assert.NotEqual(original[k].ConvexSide, flipped[k].ConvexSide);
            }

            Assert.Equal(ChallengeCobb.Compute(spine).Angles.First, ChallengeCobb.Compute(mirrored).Angles.First, 1e-6);
        }
    }

    [Fact]
    public void CurvesAreOrderedAndContiguous()
    {
        foreach (var spine in RandomSpines(4, 200))
        {
            var curves = ClinicalCurves.Analyze(spine).Curves;

            Assert.All(curves, c => Assert.True(c.UpperEnd < c.LowerEnd && c.CobbAngle >= 0 && c.Apex >= c.UpperEnd && c.Apex <= c.LowerEnd, c.ToString()));
            for (var k = 1; k < curves.Count; k++)
            {
                Assert.True(curves[k - 1].LowerEnd <= curves[k].UpperEnd + 1, $"{curves[k - 1]} then {curves[k]}");
                Assert.NotEqual(curves[k - 1].ConvexSide, curves[k].ConvexSide);
            }
        }
    }

    private static Point2 Mirror(Point2 p, ImageSize size) => new(size.Width - p.X, p.Y);
}
