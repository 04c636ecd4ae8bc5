using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.Tests.Codecs;

public class HintChannelCodecTests
{
    [Fact]
    public void EachHintPeaksInItsCornerChannelAtItsPixel()
    {
        const int width = 32, height = 24;
        var planes = new float[HintChannelCodec.Channels * width * height];

        HintChannelCodec.Encode([(Corner.TopRight, new Vector2(10.5f, 7.5f)), (Corner.BottomLeft, new Vector2(20.5f, 15.5f))], width, height, planes);

        var plane = width * height;
        Assert.Equal(1f, planes[plane + (7 * width) + 10], 5);
        Assert.Equal(1f, planes[(2 * plane) + (15 * width) + 20], 5);
        Assert.All(planes.AsSpan(0, plane).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(planes.AsSpan(3 * plane, plane).ToArray(), v => Assert.Equal(0f, v));

        // One sigma away the blob has fallen to exp(-1/2).
        var sigma = (int)HintChannelCodec.Sigma;
        var expected = MathF.Exp(-(sigma * sigma) / (2 * HintChannelCodec.Sigma * HintChannelCodec.Sigma));
        Assert.Equal(expected, planes[plane + (7 * width) + 10 + sigma], 5);
    }

    [Fact]
    public void HintsOutsideTheImageLeaveItEmpty()
    {
        var planes = new float[HintChannelCodec.Channels * 16 * 16];

        HintChannelCodec.Encode([(Corner.TopLeft, new Vector2(-100, -100))], 16, 16, planes);

        Assert.All(planes, v => Assert.Equal(0f, v));
    }
}
