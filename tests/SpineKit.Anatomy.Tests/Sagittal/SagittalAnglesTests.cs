using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Sagittal;

namespace SpineKit.Anatomy.Tests.Sagittal;

public class SagittalAnglesTests
{
    // Hand-made lateral spine facing image right. L1's upper endplate rises 10 px over 40 towards the front:
    // inclination atan2(-10, 40) = -14.0362 degrees. L5's lower endplate falls 20 px over 40: +26.5651.
    // S1's upper endplate falls 30 px over 40: +36.8699.
    private static LandmarkSet Lateral(bool mirrored)
    {
        Point2 P(double x, double y) => mirrored ? new Point2(1000 - x, y) : new Point2(x, y);
        Vertebra V(VertebraLevel level, Point2 tl, Point2 tr, Point2 bl, Point2 br) =>
            mirrored ? new Vertebra(level, tr, tl, br, bl) : new Vertebra(level, tl, tr, bl, br);
        var l1 = V(VertebraLevel.L1, P(100, 100), P(140, 90), P(100, 130), P(140, 125));
        var l5 = V(VertebraLevel.L5, P(110, 400), P(150, 405), P(110, 430), P(150, 450));
        var s1 = mirrored
            ? Vertebra.UpperEndplateOnly(VertebraLevel.S1, P(140, 530), P(100, 500))
            : Vertebra.UpperEndplateOnly(VertebraLevel.S1, P(100, 500), P(140, 530));
        return new LandmarkSet(new ImageSize(1000, 1000), [l1, l5, s1]);
    }

    [Theory]
    [InlineData(false, PatientFacing.ImageRight)]
    [InlineData(true, PatientFacing.ImageLeft)]
    public void LordosisAndSacralSlopeMatchHandComputedValues(bool mirrored, PatientFacing facing)
    {
        var measured = SagittalAngles.Measure(Lateral(mirrored), facing);

        Assert.Equal(36.869898, measured.SacralSlope!.Value, 1e-5);
        Assert.Equal(36.869898 + 14.036243, measured.LordosisL1S1!.Value, 1e-5);
        Assert.Equal(26.565051 + 14.036243, measured.LordosisL1L5!.Value, 1e-5);
    }

    [Fact]
    public void FacingTheWrongWayFlipsTheSigns()
    {
        var measured = SagittalAngles.Measure(Lateral(false), PatientFacing.ImageLeft);

        Assert.Equal(-36.869898, measured.SacralSlope!.Value, 1e-5);
        Assert.True(measured.LordosisL1S1 < 0);
    }

    [Fact]
    public void MissingLevelsGiveNull()
    {
        var set = Lateral(false);
        var withoutS1 = set.WithVertebrae(set.Vertebrae.Take(2));

        var measured = SagittalAngles.Measure(withoutS1, PatientFacing.ImageRight);

        Assert.Null(measured.SacralSlope);
        Assert.Null(measured.LordosisL1S1);
        Assert.NotNull(measured.LordosisL1L5);
    }
}
