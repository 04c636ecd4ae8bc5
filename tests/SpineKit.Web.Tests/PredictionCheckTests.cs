using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;

namespace SpineKit.Web.Tests;

/// <summary>The check that keeps a non-finite prediction out of a session's state.</summary>
public sealed class PredictionCheckTests
{
    [Fact]
    public void RegularSpine_IsServable()
    {
        Assert.True(PredictionCheck.IsServable(Prediction(Spine()), "a.jpg", null));
    }

    [Fact]
    public void NonFiniteCorner_IsNotServable()
    {
        var vertebrae = Spine();
        var t5 = vertebrae[4];
        vertebrae[4] = new Vertebra(t5.Level, new Point2(double.NaN, t5.TopLeft.Y), t5.TopRight, t5.BottomLeft, t5.BottomRight);
        Assert.False(PredictionCheck.IsServable(Prediction(vertebrae), "a.jpg", null));
    }

    private static List<Vertebra> Spine() =>
        VertebraLevels.Run(VertebraLevel.T1, 17).Select((level, i) =>
        {
            var (x, y, tilt) = (300 + (20 * Math.Sin(i / 3.0)), 100 + (i * 60.0), 4 * Math.Sin(i / 2.0));
            return new Vertebra(level, new Point2(x - 30, y - tilt), new Point2(x + 30, y + tilt), new Point2(x - 30, y + 45 - tilt), new Point2(x + 30, y + 45 + tilt));
        }).ToList();

    private static LandmarkPrediction Prediction(List<Vertebra> vertebrae)
    {
        var landmarks = new LandmarkSet(new ImageSize(700, 1300), vertebrae);
        return new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0);
    }
}
