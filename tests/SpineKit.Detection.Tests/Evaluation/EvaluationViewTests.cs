using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Evaluation;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Evaluation;

public class EvaluationViewTests
{
    // 17 bodies 20 px tall every 30 px on a 100x560 film.
    private static LandmarkSet Truth() => new(new ImageSize(100, 560), VertebraLevels.ChallengeLevels.Select((level, i) =>
        Vertebra.FromCorners(level, [new(40, 20 + (30 * i)), new(60, 20 + (30 * i)), new(40, 40 + (30 * i)), new(60, 40 + (30 * i))])), null, "film.jpg");

    [Fact]
    public void TheLumbarViewStartsInTheDiscAboveT12AndKeepsT12ToL5()
    {
        var grey = new Image<float>(100, 560);
        grey[50, 400] = 1f;

        var (image, truth) = EvaluationViews.Make(EvaluationView.LumbarOnly, grey, Truth());

        // T11 ends at 340, T12 starts at 350: the cut is at 345.
        Assert.Equal(560 - 345, image.Height);
        Assert.Equal(1f, image[50, 400 - 345]);
        Assert.Equal([VertebraLevel.T12, VertebraLevel.L1, VertebraLevel.L2, VertebraLevel.L3, VertebraLevel.L4, VertebraLevel.L5], truth.Vertebrae.Select(v => v.Level));
        Assert.Equal(20 + (30 * 11) - 345, truth.Vertebrae[0].CornerArray()[0].Y, 6);
    }

    [Fact]
    public void TheThoracicViewEndsInTheDiscBelowT12()
    {
        var (image, truth) = EvaluationViews.Make(EvaluationView.ThoracicOnly, new Image<float>(100, 560), Truth());

        Assert.Equal(375, image.Height);
        Assert.Equal(VertebraLevels.Run(VertebraLevel.T1, 12), truth.Vertebrae.Select(v => v.Level));
    }

    [Theory]
    [InlineData("usual", EvaluationView.Usual)]
    [InlineData("ZOOM3", EvaluationView.ZoomOut3)]
    [InlineData("lumbar", EvaluationView.LumbarOnly)]
    public void NamesRoundTrip(string name, EvaluationView view)
    {
        Assert.Equal(view, EvaluationViews.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), EvaluationViews.Name(view));
        Assert.Throws<FormatException>(() => EvaluationViews.Parse("sideways"));
    }
}
