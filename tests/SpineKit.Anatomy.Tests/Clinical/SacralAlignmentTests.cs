using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Tests.Clinical;

public class SacralAlignmentTests
{
    /// <summary>An upright body 40 wide and 30 tall whose left edge is at <paramref name="left"/>.</summary>
    private static Vertebra Body(VertebraLevel level, double left, double top, double tiltDegrees = 0)
    {
        // Tilt the endplates by raising the right end (positive: right end higher, as ClinicalCurves measures).
        var rise = 40 * Math.Tan(tiltDegrees * Math.PI / 180);
        return new Vertebra(level, new Point2(left, top), new Point2(left + 40, top - rise), new Point2(left, top + 30), new Point2(left + 40, top + 30 - rise));
    }

    private static LandmarkSet Spine(params Vertebra[] vertebrae) => new(new ImageSize(400, 1000), vertebrae);

    [Theory]
    [InlineData(120, LumbarModifier.A)] // the CSVL through the middle of the apical body (between 112 and 128)
    [InlineData(125, LumbarModifier.A)]
    [InlineData(110, LumbarModifier.B)] // inside the body, but within the lateral 30 % (100..112)
    [InlineData(100, LumbarModifier.B)] // on the lateral edge
    [InlineData(130, LumbarModifier.B)]
    [InlineData(95, LumbarModifier.C)]  // beside the body entirely
    [InlineData(145, LumbarModifier.C)]
    public void TheModifierFollowsWhereTheCsvlPassesTheApicalBody(double sacrumCentre, LumbarModifier expected)
    {
        // The apical lumbar body spans x 100..140; the CSVL is the vertical through S1's upper endplate midpoint.
        var apical = Body(VertebraLevel.L3, 100, 500);
        var spine = Spine(Body(VertebraLevel.L2, sacrumCentre - 20, 460), apical, Body(VertebraLevel.L4, sacrumCentre - 20, 540), Vertebra.UpperEndplateOnly(VertebraLevel.S1, new Point2(sacrumCentre - 25, 640), new Point2(sacrumCentre + 25, 640)));

        var alignment = SacralAlignment.Of(spine);

        Assert.NotNull(alignment);
        Assert.Equal(sacrumCentre, alignment.CsvlX, 9);
        Assert.Equal(expected, alignment.Modifier);
    }

    [Fact]
    public void TheApicalLumbarVertebraIsTheOneFarthestFromTheCsvl()
    {
        var spine = Spine(Body(VertebraLevel.T11, 0, 300), Body(VertebraLevel.L1, 200, 400), Body(VertebraLevel.L2, 240, 440), Body(VertebraLevel.L3, 210, 480),
            Vertebra.UpperEndplateOnly(VertebraLevel.S1, new Point2(180, 600), new Point2(220, 600)));

        var alignment = SacralAlignment.Of(spine)!;

        // T11 is farther off but not lumbar; L2's centre (260) is 60 from the CSVL (200).
        Assert.Equal(VertebraLevel.L2, alignment.ApicalLumbar);
        Assert.Equal(LumbarModifier.C, alignment.Modifier);
    }

    [Fact]
    public void FractionalCurveAndCoronalBalanceAreMeasuredAgainstTheSacrum()
    {
        var spine = Spine(
            Body(VertebraLevel.C7, 230, 50),
            Body(VertebraLevel.L4, 180, 500, tiltDegrees: 12),
            Body(VertebraLevel.L5, 180, 540),
            new Vertebra(VertebraLevel.S1, new Point2(175, 600), new Point2(225, 600 - (50 * Math.Tan(-3 * Math.PI / 180))), new Point2(175, 640), new Point2(225, 640)));

        var alignment = SacralAlignment.Of(spine)!;

        Assert.Equal(200, alignment.CsvlX, 6);
        Assert.Equal(15, alignment.FractionalCurveDegrees!.Value, 6); // L4 at +12, S1 at -3
        Assert.Equal(250 - 200, alignment.CoronalBalancePixels!.Value, 6); // C7's centre x 250
    }

    [Fact]
    public void WithoutS1ThereIsNoSacralAlignmentAndTheReportSaysSo()
    {
        var spine = Spine(Body(VertebraLevel.L3, 100, 500), Body(VertebraLevel.L4, 100, 540));

        Assert.Null(SacralAlignment.Of(spine));
        Assert.Null(ClinicalCurves.Analyze(spine).Sacral);
    }

    [Fact]
    public void TheReportCarriesTheAlignmentWhenS1IsThere()
    {
        var spine = Spine(Body(VertebraLevel.L3, 100, 500), Body(VertebraLevel.L4, 100, 540), Vertebra.UpperEndplateOnly(VertebraLevel.S1, new Point2(95, 640), new Point2(145, 640)));

        Assert.Equal(LumbarModifier.A, ClinicalCurves.Analyze(spine).Sacral!.Modifier);
    }
}
