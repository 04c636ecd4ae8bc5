using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Tests.Inference;

public class AngleUncertaintyTests
{
    // A C-shaped thoracolumbar curve: the tilts rise to +15 degrees at T6 and fall to -15 at L2.
    private static double TiltOf(int index) => 15 * Math.Sin((index - 5) * Math.PI / 11);

    private static LandmarkSet Spine(Func<VertebraLevel, double> extraTilt, VertebraLevel? leftOut = null)
    {
        var vertebrae = new List<Vertebra>();
        var levels = VertebraLevels.ChallengeLevels;
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] == leftOut)
            {
                continue;
            }

            var radians = (TiltOf(i) + extraTilt(levels[i])) * Math.PI / 180;
            var centre = new Point2(400 + (30 * Math.Sin(i * Math.PI / 16)), 100 + (70 * i));
            Point2 At(double dx, double dy) => new(
                centre.X + (dx * Math.Cos(radians)) + (dy * Math.Sin(radians)),
                centre.Y - (dx * Math.Sin(radians)) + (dy * Math.Cos(radians)));
            vertebrae.Add(Vertebra.FromCorners(levels[i], [At(-40, -20), At(40, -20), At(-40, 20), At(40, 20)], 0.9f));
        }

        return new LandmarkSet(new ImageSize(800, 1400), vertebrae, null, "hand-made");
    }

    [Fact]
    public void A_rotated_end_vertebra_moves_its_curve_by_the_rotation_and_flags_the_film()
    {
        var final = CobbAnalysis.Analyze(Spine(_ => 0));
        var curve = final.Clinical.Curves.Single(c => c.IsMajor);
        var other = Spine(level => level == curve.UpperEnd ? 7 : 0);

        var uncertainty = AngleUncertainty.Between(final, other, requireChallengeLevels: false);

        var index = final.Clinical.Curves.ToList().IndexOf(curve);
        Assert.Equal(7, uncertainty.Curves[index]!.Value, 6);
        Assert.True(uncertainty.IsUncertain);
        Assert.NotNull(uncertainty.Challenge);
    }

    [Fact]
    public void Agreeing_readings_give_zero_and_a_small_rotation_does_not_flag()
    {
        var final = CobbAnalysis.Analyze(Spine(_ => 0));
        Assert.NotEmpty(final.Clinical.Curves);

        var same = AngleUncertainty.Between(final, Spine(_ => 0), requireChallengeLevels: false);
        Assert.All(same.Curves, c => Assert.Equal(0, c!.Value, 9));
        Assert.Equal(0, same.Challenge!.Value.Sum, 9);
        Assert.False(same.IsUncertain);

        var lowerEnd = final.Clinical.Curves.Single(c => c.IsMajor).LowerEnd;
        var small = AngleUncertainty.Between(final, Spine(level => level == lowerEnd ? 3 : 0), requireChallengeLevels: false);
        Assert.Contains(small.Curves, c => Math.Abs(c!.Value - 3) < 1e-6);
        Assert.False(small.IsUncertain);
    }

    [Fact]
    public void A_curve_whose_end_vertebra_the_other_reading_lacks_has_no_uncertainty()
    {
        var final = CobbAnalysis.Analyze(Spine(_ => 0));
        var curve = final.Clinical.Curves.Single(c => c.IsMajor);

        var uncertainty = AngleUncertainty.Between(final, Spine(_ => 0, leftOut: curve.LowerEnd), requireChallengeLevels: true);

        Assert.Null(uncertainty.Curves[final.Clinical.Curves.ToList().IndexOf(curve)]);
        Assert.Null(uncertainty.Challenge);
    }
}
