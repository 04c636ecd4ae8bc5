using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Segmentation.Codecs;

namespace SpineKit.Detection.Tests.Segmentation.Codecs;

public class SegmentationMasksTests
{
    // Two upright vertebrae: bodies x 2..8, y 2..5 and y 7..10; the gap between them y 5..7.
    internal static readonly Vector2[] TwoVertebrae =
    [
        new(2, 2), new(8, 2), new(2, 5), new(8, 5),
        new(2, 7), new(8, 7), new(2, 10), new(8, 10),
    ];

    [Fact]
    public void FillsBodiesAndTheGapBetweenThem()
    {
        var classes = SegmentationMasks.Render(TwoVertebrae, 12, 12);

        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 12; x++)
            {
                var inside = x is >= 2 and < 8;
                var expected = !inside ? 0 : y is >= 2 and < 5 or >= 7 and < 10 ? 1 : y is >= 5 and < 7 ? 2 : 0;
                Assert.True(expected == classes[x, y], $"pixel ({x}, {y}): expected {expected}, got {classes[x, y]}");
            }
        }

        Assert.Equal(36, SegmentationMasks.BodyMask(classes).Pixels.Count(p => p == 255));
    }

    [Fact]
    public void TiltedQuadCoversExactlyThePixelCentresInside()
    {
        // A parallelogram: rows shift right by one pixel every two rows.
        Vector2[] corners = [new(2, 0), new(6, 0), new(6, 8), new(10, 8)];

        var classes = SegmentationMasks.Render(corners, 12, 8);

        for (var y = 0; y < 8; y++)
        {
            var cy = y + 0.5f;
            for (var x = 0; x < 12; x++)
            {
                var cx = x + 0.5f;
                var inside = cx >= 2 + (cy / 2) && cx < 6 + (cy / 2);
                Assert.Equal(inside ? 1 : 0, classes[x, y]);
            }
        }
    }

    [Fact]
    public void OverlappingLabelsAreBodyNotGap()
    {
        // The second vertebra's top lies above the first's bottom: the "gap" is inverted and fully covered by bodies.
        Vector2[] corners = [new(0, 0), new(6, 0), new(0, 6), new(6, 6), new(0, 4), new(6, 4), new(0, 10), new(6, 10)];

        var classes = SegmentationMasks.Render(corners, 8, 12);

        Assert.DoesNotContain((byte)2, classes.Pixels);
        Assert.Equal(60, classes.Pixels.Count(p => p == 1));
    }

    [Fact]
    public void RendersALandmarkSetInItsImageFrame()
    {
        var vertebrae = new[]
        {
            new Vertebra(VertebraLevel.T1, new Point2(2, 2), new Point2(8, 2), new Point2(2, 5), new Point2(8, 5)),
            new Vertebra(VertebraLevel.T2, new Point2(2, 7), new Point2(8, 7), new Point2(2, 10), new Point2(8, 10)),
        };

        var classes = SegmentationMasks.Render(new LandmarkSet(new ImageSize(12, 12), vertebrae));

        Assert.Equal(SegmentationMasks.Render(TwoVertebrae, 12, 12).Pixels, classes.Pixels);
    }

    [Fact]
    public void RejectsCornersNotInFours() =>
        Assert.Throws<ArgumentException>(() => SegmentationMasks.Render(TwoVertebrae.AsSpan(0, 6), 12, 12));
}
