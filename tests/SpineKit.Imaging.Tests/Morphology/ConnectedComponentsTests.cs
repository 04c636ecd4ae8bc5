using SpineKit.Imaging.Morphology;

namespace SpineKit.Imaging.Tests.Morphology;

public class ConnectedComponentsTests
{
    private static readonly Image<byte> Blobs = BinaryMorphologyTests.Mask(
        "##......#",
        "##.....#.",
        "......#..",
        "..###....",
        "..###...#");

    [Fact]
    public void DiagonalNeighboursJoinOnlyWithEightConnectivity()
    {
        var eight = ConnectedComponents.Label(Blobs, Connectivity.Eight);
        var four = ConnectedComponents.Label(Blobs, Connectivity.Four);

        Assert.Equal(4, eight.Count);
        Assert.Equal(6, four.Count);
        Assert.Equal([4, 3, 6, 1], Enumerable.Range(1, eight.Count).Select(eight.SizeOf));
        Assert.Equal(1, eight.At(0, 0));
        Assert.Equal(2, eight.At(6, 2));
        Assert.Equal(0, eight.At(4, 0));
        Assert.Equal(0, eight.At(-1, 0));
    }

    [Fact]
    public void KeepLargestLeavesTheBiggestBlobOnly()
    {
        Assert.Equal(
            [
                ".........",
                ".........",
                ".........",
                "..###....",
                "..###....",
            ],
            BinaryMorphologyTests.Rows(ConnectedComponents.KeepLargest(Blobs)));
    }

    [Fact]
    public void AnEmptyMaskHasNoComponents()
    {
        var empty = new Image<byte>(4, 3);

        Assert.Equal(0, ConnectedComponents.Label(empty).Count);
        Assert.Equal(0, ConnectedComponents.Label(empty).Largest);
        Assert.All(ConnectedComponents.KeepLargest(empty).Pixels, p => Assert.Equal(0, p));
    }

    [Fact]
    public void ALongSnakeIsOneComponentWithoutOverflowingTheStack()
    {
        var mask = new Image<byte>(400, 400);
        for (var y = 0; y < 400; y += 2)
        {
            mask.Row(y).Fill(255);
            mask[y % 4 == 0 ? 399 : 0, Math.Min(399, y + 1)] = 255;
        }

        var labels = ConnectedComponents.Label(mask, Connectivity.Four);

        Assert.Equal(1, labels.Count);
        Assert.Equal(mask.Pixels.Count(p => p != 0), labels.SizeOf(1));
    }

    [Fact]
    public void ALabelImageMadeElsewhereCountsItsSizes()
    {
        var labels = new ComponentLabels(3, 2, [0, 1, 1, 2, 2, 2], 2);

        Assert.Equal(2, labels.Count);
        Assert.Equal(2, labels.SizeOf(1));
        Assert.Equal(2, labels.Largest);
        Assert.Throws<ArgumentException>(() => new ComponentLabels(3, 2, [0, 1, 3, 0, 0, 0], 2));
        Assert.Throws<ArgumentException>(() => new ComponentLabels(3, 2, [0, 1], 1));
    }
}
