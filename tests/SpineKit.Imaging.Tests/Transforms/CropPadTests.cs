using System.Numerics;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class CropPadTests
{
    private static Image<byte> Row(params byte[] values) => new(values.Length, 1, 1, values);

    [Fact]
    public void CropInsideCopiesTheRegionAndShiftsPoints()
    {
        var source = new Image<ushort>(5, 4, 2, bitDepth: 12);
        for (var i = 0; i < source.Pixels.Length; i++)
        {
            source.Pixels[i] = (ushort)i;
        }

        Span<Vector2> points = [new(2.5f, 1.5f)];
        var crop = Crop.Apply(source, 1, 2, 3, 2, points);

        Assert.Equal(12, crop.BitDepth);
        Assert.Equal(source[1, 2, 1], crop[0, 0, 1]);
        Assert.Equal(source[3, 3, 0], crop[2, 1, 0]);
        Assert.Equal(new Vector2(1.5f, -0.5f), points[0]);
    }

    [Fact]
    public void PadModesFollowNumPyConventions()
    {
        var source = Row(1, 2, 3, 4);

        // numpy.pad([1,2,3,4], (3, 2), mode=...): constant 9 / edge / reflect.
        Assert.Equal(new byte[] { 9, 9, 9, 1, 2, 3, 4, 9, 9 }, Pad.Apply(source, 3, 0, 2, 0, BorderMode.Constant, (byte)9).Pixels);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 2, 3, 4, 4, 4 }, Pad.Apply(source, 3, 0, 2, 0, BorderMode.Edge).Pixels);
        Assert.Equal(new byte[] { 4, 3, 2, 1, 2, 3, 4, 3, 2 }, Pad.Apply(source, 3, 0, 2, 0, BorderMode.Reflect).Pixels);
    }

    [Fact]
    public void ReflectWiderThanTheImageRepeatsPeriodically()
    {
        // numpy.pad([1,2,3], (5, 5), mode="reflect") printed [2 1 2 3 2 1 2 3 2 1 2 3 2].
        var padded = Pad.Apply(Row(1, 2, 3), 5, 0, 5, 0, BorderMode.Reflect);

        Assert.Equal(new byte[] { 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2 }, padded.Pixels);
    }

    [Fact]
    public void PaddingShiftsPointsAndKeepsTheFeatureUnderThem()
    {
        var source = new Image<float>(6, 6);
        source[4, 1] = 1;
        Span<Vector2> points = [PixelGrid.CenterOf(4, 1)];

        var padded = Pad.Apply(source, 3, 2, 0, 1, points);

        Assert.Equal(new Vector2(7.5f, 3.5f), points[0]);
        Assert.Equal(1f, padded[7, 3]);
        Assert.Equal(9, padded.Width);
        Assert.Equal(9, padded.Height);
    }

    [Fact]
    public void PadRejectsNegativeAmounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pad.Apply(Row(1), -1, 0, 0, 0));
    }
}
