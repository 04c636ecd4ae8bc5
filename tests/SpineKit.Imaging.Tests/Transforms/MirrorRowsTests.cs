using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class MirrorRowsTests
{
    [Fact]
    public void EveryRowOfEveryPlaneIsReversed()
    {
        float[] planes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var mirrored = new float[planes.Length];

        MirrorRows.Apply(planes, 3, mirrored);

        Assert.Equal([3f, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10], mirrored);
    }

    [Fact]
    public void PartialRowsAndShortDestinationsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => MirrorRows.Apply(new float[7], 3, new float[7]));
        Assert.Throws<ArgumentException>(() => MirrorRows.Apply(new float[6], 3, new float[5]));
    }
}
