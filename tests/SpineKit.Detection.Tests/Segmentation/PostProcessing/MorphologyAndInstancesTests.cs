using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Detection.Segmentation.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Segmentation.PostProcessing;

public class MorphologyAndInstancesTests
{
    // Class map of a spine: bodies (1) rows 2-7, 10-15, 18-23 joined by gaps (2), plus a stray body blob far away.
    private static Image<byte> SpineWithStray()
    {
        var classes = new Image<byte>(30, 28);
        for (var y = 2; y < 24; y++)
        {
            for (var x = 4; x < 14; x++)
            {
                classes[x, y] = (byte)((y - 2) % 8 < 6 ? 1 : 2);
            }
        }

        for (var y = 4; y < 10; y++)
        {
            for (var x = 22; x < 28; x++)
            {
                classes[x, y] = 1;
            }
        }

        return classes;
    }

    [Fact]
    public void PostProcessingKeepsTheSpineAndDropsTheStrayBlob()
    {
        var classes = SpineWithStray();

        var kept = new SegmentationPostProcessing(0, 0, KeepLargestComponent: true).Apply(classes);
        var all = new SegmentationPostProcessing(0, 0, KeepLargestComponent: false).Apply(classes);

        Assert.Equal(0, kept[24, 6]);
        Assert.Equal(255, all[24, 6]);
        Assert.Equal(3 * 6 * 10, kept.Pixels.Count(p => p == 255));
        Assert.Equal((3 * 6 * 10) + 36, all.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void ErosionRemovesASpeckThatDilationDoesNotBringBack()
    {
        var classes = SpineWithStray();
        classes[20, 26] = 1;

        var mask = new SegmentationPostProcessing(1, 2, KeepLargestComponent: false).Apply(classes);

        Assert.Equal(0, mask[20, 26]);
        Assert.Equal(255, mask[8, 4]);
    }

    [Fact]
    public void RadiiScaleWithTheImage()
    {
        var classes = new Image<byte>(20, 20);
        for (var y = 5; y < 15; y++)
        {
            for (var x = 5; x < 15; x++)
            {
                classes[x, y] = 1;
            }
        }

        // Erode 1 x scale 3 = 3 px, dilate 0: the 10x10 square shrinks to 4x4.
        var mask = new SegmentationPostProcessing(1, 0, KeepLargestComponent: false).Apply(classes, scale: 3);

        Assert.Equal(16, mask.Pixels.Count(p => p == 255));
    }

    [Fact]
    public void InstancesTakeTheLevelWhoseCentreTheyContain()
    {
        var body = SegmentationMasks.BodyMask(SpineWithStray());
        var landmarks = new LandmarkSet(new ImageSize(30, 28),
        [
            Quad(VertebraLevel.T1, 2),
            Quad(VertebraLevel.T2, 10),
            Quad(VertebraLevel.T3, 18),
            Quad(VertebraLevel.T4, 40),
        ]);

        var instances = VertebraInstances.Split(body, landmarks);

        Assert.Equal(4, instances.Vertebrae.Count);
        var byLevel = instances.Vertebrae.Where(v => v.Level is not null).ToDictionary(v => v.Level!.Value);
        Assert.Equal(3, byLevel.Count);
        Assert.Equal(5.0, byLevel[VertebraLevel.T1].Centroid.Y, 6);
        Assert.Equal(21.0, byLevel[VertebraLevel.T3].Centroid.Y, 6);
        Assert.Equal(60, byLevel[VertebraLevel.T2].PixelCount);
        var stray = Assert.Single(instances.Vertebrae, v => v.Level is null);
        Assert.Equal(new Point2(25, 7), stray.Centroid);
    }

    [Fact]
    public void BodiesMergedAcrossAMissedGapAreDividedBetweenTheirCentres()
    {
        // One solid column rows 2-23 (the gaps predicted as body) holding the centres of T1, T2 and T3.
        var classes = SpineWithStray();
        for (var i = 0; i < classes.Pixels.Length; i++)
        {
            classes.Pixels[i] = classes.Pixels[i] == 2 ? (byte)1 : classes.Pixels[i];
        }

        var landmarks = new LandmarkSet(new ImageSize(30, 28), [Quad(VertebraLevel.T1, 2), Quad(VertebraLevel.T2, 10), Quad(VertebraLevel.T3, 18)]);

        var instances = VertebraInstances.Split(SegmentationMasks.BodyMask(classes), landmarks);

        Assert.Equal(4, instances.Vertebrae.Count);
        var byLevel = instances.Vertebrae.Where(v => v.Level is not null).ToDictionary(v => v.Level!.Value);
        Assert.Equal([VertebraLevel.T1, VertebraLevel.T2, VertebraLevel.T3], byLevel.Keys.Order());

        // Centres at y 5, 13 and 21: the cuts fall halfway, between rows 8|9 and 16|17.
        Assert.Equal(byLevel[VertebraLevel.T1].Label, instances.Labels.At(8, 8));
        Assert.Equal(byLevel[VertebraLevel.T2].Label, instances.Labels.At(8, 9));
        Assert.Equal(byLevel[VertebraLevel.T2].Label, instances.Labels.At(8, 16));
        Assert.Equal(byLevel[VertebraLevel.T3].Label, instances.Labels.At(8, 17));
        Assert.Equal(70, byLevel[VertebraLevel.T1].PixelCount);
        Assert.Equal(80, byLevel[VertebraLevel.T2].PixelCount);
        Assert.Equal(70, byLevel[VertebraLevel.T3].PixelCount);
    }

    [Fact]
    public void WithoutLandmarksNoInstanceHasALevel()
    {
        var instances = VertebraInstances.Split(SegmentationMasks.BodyMask(SpineWithStray()));

        Assert.Equal(4, instances.Vertebrae.Count);
        Assert.All(instances.Vertebrae, v => Assert.Null(v.Level));
    }

    [Fact]
    public void OverlayTintsBodiesAndLeavesTheBackground()
    {
        var classes = SpineWithStray();
        var display = new Image<byte>(30, 28);
        Array.Fill(display.Pixels, (byte)100);
        var instances = VertebraInstances.Split(SegmentationMasks.BodyMask(classes), new LandmarkSet(new ImageSize(30, 28), [Quad(VertebraLevel.T1, 2)]));

        var picture = SegmentationOverlay.Render(display, instances);

        Assert.Equal(3, picture.Channels);
        Assert.Equal(new byte[] { 100, 100, 100 }, picture.Pixels.AsSpan(0, 3).ToArray());
        var colour = SegmentationOverlay.ColorOf(VertebraLevel.T1);
        var i = ((2 * 30) + 4) * 3;
        Assert.Equal((byte)MathF.Round(100 + ((colour.R - 100) * 0.45f)), picture.Pixels[i]);
    }

    private static Vertebra Quad(VertebraLevel level, int top) =>
        new(level, new Point2(4, top), new Point2(14, top), new Point2(4, top + 6), new Point2(14, top + 6));
}
