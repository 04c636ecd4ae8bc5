using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Segmentation.Codecs;

[Trait("Category", SharedData.Category)]
public class RealLabelMaskTests
{
    [Fact]
    public void RenderedBodiesCoverTheLabelledQuadrilateralsAtFullSize()
    {
        var dataset = ChallengeDataset.Load(SharedData.PathOf("datasets/aasce-train"));
        foreach (var entry in dataset.Entries.Take(5))
        {
            var header = ImageReader.Identify(dataset.ImagePath(entry)!);
            var labels = LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(header.Width, header.Height))).Landmarks;

            var classes = SegmentationMasks.Render(labels);

            Assert.Equal((header.Width, header.Height), (classes.Width, classes.Height));
            var quadArea = labels.Vertebrae.Sum(Area);
            var bodyPixels = classes.Pixels.Count(p => p == SegmentationNetConfig.BodyClass);

            // Pixel-centre sampling of 17 quads of thousands of pixels: within 1 % of the exact (shoelace) area;
            // overlapping neighbours could only make the mask smaller.
            Assert.InRange(bodyPixels, quadArea * 0.97, quadArea * 1.01);
            foreach (var vertebra in labels.Vertebrae)
            {
                var centre = vertebra.Center;
                Assert.Equal(SegmentationNetConfig.BodyClass, classes[(int)centre.X, (int)centre.Y]);
            }

            for (var i = 0; i + 1 < labels.Vertebrae.Count; i++)
            {
                // Midway between a lower endplate and the next upper endplate lies the gap (or body where they overlap).
                var between = Point2.Midpoint(labels.Vertebrae[i].LowerEndplateMidpoint, labels.Vertebrae[i + 1].UpperEndplateMidpoint);
                Assert.NotEqual(SegmentationNetConfig.BackgroundClass, classes[(int)between.X, (int)between.Y]);
            }

            Assert.Contains((byte)SegmentationNetConfig.GapClass, classes.Pixels);
        }
    }

    private static double Area(Vertebra v)
    {
        Point2[] polygon = [v.TopLeft, v.TopRight, v.BottomRight, v.BottomLeft];
        var twice = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % 4]);
            twice += (a.X * b.Y) - (b.X * a.Y);
        }

        return Math.Abs(twice) / 2;
    }
}
