using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Clinical;

public class ClinicalCurvesTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void SymmetricSingleCurve()
    {
        var spine = SyntheticSpine.FromTilts([20, 10, 0, -10, -20]);

        var report = ClinicalCurves.Analyze(spine);

        var curve = Assert.Single(report.Curves);
        Assert.Equal(VertebraLevel.T1, curve.UpperEnd);
        Assert.Equal(VertebraLevel.T5, curve.LowerEnd);
        Assert.Equal(VertebraLevel.T3, curve.Apex);
        Assert.Equal(40, curve.CobbAngle, Tolerance);
        Assert.Equal(CurveSeverity.Moderate, curve.Severity);
        Assert.Equal(CurveRegion.ProximalThoracic, curve.Region);

        // Independent of the sign rule: the apex really bulges to the image right of the end vertebrae.
        Assert.Equal(CurveSide.ImageRight, curve.ConvexSide);
        Assert.True(spine.Vertebrae[2].Center.X > spine.Vertebrae[0].Center.X + 10);
    }

    [Fact]
    public void DoubleMajorSpineHasThreeCurvesSharingEndVertebrae()
    {
        var spine = SyntheticSpine.FromTilts([0, 5, 10, 15, 10, 0, -10, -20, -10, 0], VertebraLevel.T3);

        var report = ClinicalCurves.Analyze(spine);

        Assert.Equal(3, report.Curves.Count);
        Assert.Equal((VertebraLevel.T3, VertebraLevel.T6, 15.0), (report.Curves[0].UpperEnd, report.Curves[0].LowerEnd, Math.Round(report.Curves[0].CobbAngle, 9)));
        Assert.Equal((VertebraLevel.T6, VertebraLevel.T10, 35.0), (report.Curves[1].UpperEnd, report.Curves[1].LowerEnd, Math.Round(report.Curves[1].CobbAngle, 9)));
        Assert.Equal((VertebraLevel.T10, VertebraLevel.T12, 20.0), (report.Curves[2].UpperEnd, report.Curves[2].LowerEnd, Math.Round(report.Curves[2].CobbAngle, 9)));
        Assert.Equal([CurveSide.ImageLeft, CurveSide.ImageRight, CurveSide.ImageLeft], report.Curves.Select(c => c.ConvexSide));
        Assert.Equal([CurveSeverity.Mild, CurveSeverity.Moderate, CurveSeverity.Mild], report.Curves.Select(c => c.Severity));
        Assert.Equal(35, report.Major!.CobbAngle, Tolerance);
        Assert.Equal([false, true, false], report.Curves.Select(c => c.IsMajor));

        // T3 and T12 are the first and last vertebrae given: the curves ending there may run on past them.
        Assert.Equal([true, false, true], report.Curves.Select(c => c.ReachesLastFoundLevel));
        Assert.Equal(10, report.Tilts.Count);
        Assert.Equal(-20, report.Tilts[7].Body, Tolerance);
    }

    [Fact]
    public void ABendUnderTenDegreesIsNotACurveByDefault()
    {
        // Tilts swing by 8 degrees: a curve only when the caller lowers the minimum.
        var spine = SyntheticSpine.FromTilts([4, 0, -4, 0, 4]);

        Assert.Empty(ClinicalCurves.Analyze(spine).Curves);
        Assert.Equal(2, ClinicalCurves.Analyze(spine, minimumCurveDegrees: 5).Curves.Count);
    }

    [Fact]
    public void WedgedEndVertebraIsMeasuredOnTheOuterEndplates()
    {
        // A straight spine whose first vertebra's upper endplate is tilted 12 degrees and last one's lower endplate -8.
        var spine = SyntheticSpine.FromTilts([0, 0, 0, 0, 0]);
        var first = spine.Vertebrae[0];
        var last = spine.Vertebrae[^1];
        var wedgedTop = first.WithCorners([Rotate(first.TopLeft, first.UpperEndplateMidpoint, 12), Rotate(first.TopRight, first.UpperEndplateMidpoint, 12), first.BottomLeft, first.BottomRight]);
        var wedgedBottom = last.WithCorners([last.TopLeft, last.TopRight, Rotate(last.BottomLeft, last.LowerEndplateMidpoint, -8), Rotate(last.BottomRight, last.LowerEndplateMidpoint, -8)]);
        var wedged = spine.WithVertebrae([wedgedTop, .. spine.Vertebrae.Skip(1).Take(3), wedgedBottom]);

        var report = ClinicalCurves.Analyze(wedged, minimumCurveDegrees: 3);

        var curve = Assert.Single(report.Curves);
        Assert.Equal(20, curve.CobbAngle, 1e-6);
        Assert.Equal(12, report.Tilts[0].UpperEndplate, 1e-6);
        Assert.Equal(-8, report.Tilts[4].LowerEndplate!.Value, 1e-6);
    }

    [Fact]
    public void StraightSpineHasNoCurveAndSmallWigglesAreIgnored()
    {
        Assert.Empty(ClinicalCurves.Analyze(SyntheticSpine.FromTilts([0, 0, 0, 0, 0, 0])).Curves);
        Assert.Empty(ClinicalCurves.Analyze(SyntheticSpine.FromTilts([0, 2, -1, 3, 0, 2])).Curves);
        Assert.Single(ClinicalCurves.Analyze(SyntheticSpine.FromTilts([0, 2, -1, 3, 0, 2]), minimumCurveDegrees: 3.5).Curves);
    }

    [Fact]
    public void ATurnWhoseEndplatesAreNotTiltedAgainstEachOtherIsNoCurve()
    {
        // With a 5-degree minimum: bodies turn by 6 degrees, but every endplate is tilted back by 3 so no endplate pair reaches 5.
        var spine = SyntheticSpine.FromTilts([3, 0, -3]);
        var distorted = spine.WithVertebrae(spine.Vertebrae.Select(v => v.WithCorners(
        [
            Rotate(v.TopLeft, v.UpperEndplateMidpoint, -3), Rotate(v.TopRight, v.UpperEndplateMidpoint, -3),
            Rotate(v.BottomLeft, v.LowerEndplateMidpoint, 3), Rotate(v.BottomRight, v.LowerEndplateMidpoint, 3),
        ])));

        Assert.Equal(6, Assert.Single(ClinicalCurves.Analyze(spine, minimumCurveDegrees: 5).Curves).CobbAngle, 1e-6);
        Assert.Empty(ClinicalCurves.Analyze(distorted, minimumCurveDegrees: 5).Curves);
        Assert.Equal(3, ClinicalCurves.Analyze(distorted).Tilts[0].Body, 1e-6);
    }

    [Theory]
    [InlineData(9.99, CurveSeverity.None)]
    [InlineData(10, CurveSeverity.Mild)]
    [InlineData(25, CurveSeverity.Mild)]
    [InlineData(25.01, CurveSeverity.Moderate)]
    [InlineData(45, CurveSeverity.Moderate)]
    [InlineData(45.5, CurveSeverity.Severe)]
    public void SeverityClasses(double angle, CurveSeverity expected) =>
        Assert.Equal(expected, ClinicalClassification.Severity(angle));

    [Theory]
    [InlineData(VertebraLevel.C7, CurveRegion.Cervicothoracic)]
    [InlineData(VertebraLevel.T2, CurveRegion.ProximalThoracic)]
    [InlineData(VertebraLevel.T5, CurveRegion.ProximalThoracic)]
    [InlineData(VertebraLevel.T6, CurveRegion.MainThoracic)]
    [InlineData(VertebraLevel.T11, CurveRegion.MainThoracic)]
    [InlineData(VertebraLevel.T12, CurveRegion.Thoracolumbar)]
    [InlineData(VertebraLevel.L1, CurveRegion.Thoracolumbar)]
    [InlineData(VertebraLevel.L2, CurveRegion.Lumbar)]
    [InlineData(VertebraLevel.L4, CurveRegion.Lumbar)]
    public void RegionsByApex(VertebraLevel apex, CurveRegion expected) =>
        Assert.Equal(expected, ClinicalClassification.Region(apex));

    [Fact]
    public void CobbAnalysisJoinsTheChallengeTripleAndTheReport()
    {
        var spine = SyntheticSpine.FromTilts([0, 10, 20, 10, 0, -10, -20, -10, 0]);
        var shuffled = spine.WithVertebrae([spine.Vertebrae[1], spine.Vertebrae[0], .. spine.Vertebrae.Skip(2)]);

        var result = CobbAnalysis.Analyze(shuffled);

        Assert.NotNull(result.Challenge);
        Assert.Equal(40, result.Challenge.Angles.First, 0.01);
        Assert.True(result.Sanitized.Has(SpineKit.Anatomy.Labels.LabelIssueKind.VertebraeReordered));
        Assert.Equal(40, result.Clinical.Major!.CobbAngle, 1e-9);
        Assert.Equal(VertebraLevel.T1, result.Clinical.Curves[0].UpperEnd);
    }

    private static Point2 Rotate(Point2 point, Point2 about, double counterClockwiseDegrees)
    {
        // Counter-clockwise as displayed (y down): the image-right end goes up for a positive angle.
        var radians = counterClockwiseDegrees * Math.PI / 180;
        var d = point - about;
        return about + new Point2((d.X * Math.Cos(radians)) + (d.Y * Math.Sin(radians)), (-d.X * Math.Sin(radians)) + (d.Y * Math.Cos(radians)));
    }
}
