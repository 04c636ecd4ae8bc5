using SpineKit.Detection.Networks;
using SpineKit.Neural;

namespace SpineKit.Detection.Tests.Networks;

public class VertebraNetTests
{
    internal static readonly VertebraNetConfig Tiny = new(64, 128, [4, 8, 8, 16, 16], 8, 4);

    [Fact]
    public void OutputIsNineChannelsAtStrideFour()
    {
        var network = new VertebraNet(Tiny, new Random(1));

        var output = network.Forward(Tensor.Zeros(2, Tiny.InputChannels, Tiny.InputHeight, Tiny.InputWidth));

        Assert.Equal([2, 9, 32, 16], output.Shape);
    }

    [Fact]
    public void CentreLogitStartsAtALowPrior()
    {
        var network = new VertebraNet(Tiny, new Random(1));
        network.Eval();

        var output = network.Forward(Tensor.Zeros(1, Tiny.InputChannels, Tiny.InputHeight, Tiny.InputWidth));

        // The head's bias dominates a fresh network, so every cell starts near sigmoid(-2.19) = 0.1.
        Assert.All(output.Data.AsSpan(0, 32 * 16).ToArray(), v => Assert.InRange(v, -2.5f, -1.9f));
    }

    [Fact]
    public void ConfigurationRoundTripsThroughMetadata()
    {
        var restored = VertebraNetConfig.FromMetadata(Tiny.ToMetadata());

        Assert.Equal(Tiny, restored);
    }

    [Fact]
    public void LevelChannelAndNormalisationRoundTripThroughMetadata()
    {
        var config = Tiny with { LevelChannel = true, Normalization = InputNormalization.ClaheStandardize };

        var restored = VertebraNetConfig.FromMetadata(config.ToMetadata());

        Assert.True(restored.LevelChannel);
        Assert.Equal(InputNormalization.ClaheStandardize, restored.Normalization);
        Assert.Equal([1, 10, 32, 16], new VertebraNet(restored, new Random(1)).Forward(Tensor.Zeros(1, 5, 128, 64)).Shape);
    }

    [Fact]
    public void ModelsWrittenBeforeTheLevelChannelLoadAsTheyWere()
    {
        var metadata = new Dictionary<string, string>(Tiny.ToMetadata());
        metadata.Remove("level_channel");
        metadata.Remove("input_normalization");

        var restored = VertebraNetConfig.FromMetadata(metadata);

        Assert.False(restored.LevelChannel);
        Assert.Equal(InputNormalization.Standardize, restored.Normalization);
        Assert.Equal(9, restored.OutputChannels);
    }

    [Theory]
    [InlineData("input_normalization", "zscore")]
    [InlineData("network", "UNet")]
    [InlineData("input_width", "abc")]
    [InlineData("input_width", "100")]
    [InlineData("output_stride", "8")]
    [InlineData("encoder_widths", "4,8")]
    public void MalformedMetadataIsRejectedWithAFormatException(string key, string value)
    {
        var metadata = new Dictionary<string, string>(Tiny.ToMetadata()) { [key] = value };

        Assert.Throws<FormatException>(() => VertebraNetConfig.FromMetadata(metadata));
    }

    [Fact]
    public void InputSidesMustBeMultiplesOf32()
    {
        Assert.Throws<ArgumentException>(() => new VertebraNet(Tiny with { InputWidth = 70 }, new Random(1)));
    }
}
