using System.Numerics;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Refinement;

namespace SpineKit.Detection.Tests.Refinement;

public sealed class VertebraFrameTests
{
    [Fact]
    public void AnUprightBoxIsCentredUnturnedAndEnlargedByTheContext()
    {
        Point2[] corners = [new(100, 200), new(160, 200), new(100, 240), new(160, 240)];

        var frame = VertebraFrame.FromCorners(corners, 1.7);

        Assert.Equal(130, frame.CenterX, 9);
        Assert.Equal(220, frame.CenterY, 9);
        Assert.Equal(0, frame.Angle, 9);
        Assert.Equal(1.7 * 60, frame.Side, 9);
    }

    [Fact]
    public void TheCropTurnsATiltedVertebraLevelAndCentresIt()
    {
        // A 60 x 40 body turned by 20 degrees (right side lower, y down) about (300, 500).
        var turn = 20 * Math.PI / 180;
        Point2 Turned(double x, double y) => new(300 + (x * Math.Cos(turn)) - (y * Math.Sin(turn)), 500 + (x * Math.Sin(turn)) + (y * Math.Cos(turn)));
        Point2[] corners = [Turned(-30, -20), Turned(30, -20), Turned(-30, 20), Turned(30, 20)];

        var frame = VertebraFrame.FromCorners(corners, 2);
        var toCrop = frame.ToCrop(128);
        var mapped = corners.Select(p => toCrop.Apply(new Vector2((float)p.X, (float)p.Y))).ToArray();

        Assert.Equal(turn, frame.Angle, 9);
        Assert.Equal(120, frame.Side, 9);
        var centre = toCrop.Apply(new Vector2(300, 500));
        Assert.Equal(64, centre.X, 3);
        Assert.Equal(64, centre.Y, 3);

        // In the crop the endplates are horizontal and the body is 60 * 128 / 120 = 64 pixels wide.
        Assert.Equal(mapped[0].Y, mapped[1].Y, 3);
        Assert.Equal(mapped[2].Y, mapped[3].Y, 3);
        Assert.Equal(64, mapped[1].X - mapped[0].X, 3);
        Assert.True(mapped[0].Y < mapped[2].Y, "the upper endplate stays above the lower one");
    }

    [Fact]
    public void AnErrorMeasuredBetweenFramesIsTheErrorThatMovedThem()
    {
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            var truth = new VertebraFrame(random.Next(100, 900), random.Next(100, 2000), (random.NextDouble() - 0.5) * 0.8, random.Next(40, 200));
            var error = new FrameError((random.NextDouble() - 0.5) * 0.4, (random.NextDouble() - 0.5) * 0.4, (random.NextDouble() - 0.5) * 0.6, (random.NextDouble() - 0.5) * 0.6);

            var measured = truth.ErrorOf(truth.Perturb(error));

            Assert.Equal(error.Along, measured.Along, 9);
            Assert.Equal(error.Across, measured.Across, 9);
            Assert.Equal(error.LogScale, measured.LogScale, 9);
            Assert.Equal(error.Turn, measured.Turn, 9);
        }
    }

    [Fact]
    public void ALevelSlipIsNotALocalError()
    {
        Assert.True(new FrameError(0.05, 0.1, 0.1, 0.05).IsLocal);

        // The next vertebra down lies about one body height (0.6 crop sides at context 1.7) away.
        Assert.False(new FrameError(0, 0.6, 0, 0).IsLocal);
    }
}
