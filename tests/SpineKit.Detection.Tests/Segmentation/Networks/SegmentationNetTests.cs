using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Tests.Segmentation.Codecs;
using SpineKit.Neural;
using SpineKit.Neural.Optimization;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Segmentation.Networks;

public sealed class SegmentationNetTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-segnet-");

    public static TheoryData<string> Architectures => new(SegmentationArchitectures.All);

    public void Dispose() => _folder.Delete(recursive: true);

    internal static SegmentationNetConfig Tiny(string architecture, int width = 32, int height = 64) =>
        new(SegmentationArchitectures.Parse(architecture), width, height, [4, 8, 16]);

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OutputsThreeClassLogitsAtTheInputSize(string architecture)
    {
        var network = new SegmentationNet(Tiny(architecture), new Random(1));

        var output = network.Forward(Tensor.RandomNormal(new Random(2), 1f, 2, 1, 64, 32));

        Assert.Equal([2, 3, 64, 32], output.Shape);
        Assert.All(output.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void OnlyTheAttentionVariantHasGatesAndOnlySeVariantsHaveExcitation()
    {
        string[] Names(string architecture) => new SegmentationNet(Tiny(architecture), new Random(1)).NamedParameters().Select(p => p.Name).ToArray();

        Assert.Contains(Names("attention-se-residual"), n => n.StartsWith("gate0.", StringComparison.Ordinal));
        Assert.DoesNotContain(Names("se-residual"), n => n.StartsWith("gate", StringComparison.Ordinal));
        Assert.Contains(Names("se-residual"), n => n.Contains(".se.", StringComparison.Ordinal));
        Assert.DoesNotContain(Names("residual"), n => n.Contains(".se.", StringComparison.Ordinal));
        Assert.Contains(Names("residual"), n => n.StartsWith("enc1.shortcut.", StringComparison.Ordinal));
        Assert.Contains(Names("plain"), n => n.StartsWith("enc0.conv2.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LossFallsOnOneTinyBatch(string architecture)
    {
        var config = Tiny(architecture);
        var network = new SegmentationNet(config, new Random(3));
        var corners = SegmentationMasksTests.TwoVertebrae.Select(c => c * 3).ToArray();
        var classes = SegmentationMasks.Render(corners, config.InputWidth, config.InputHeight);
        var input = new float[config.InputWidth * config.InputHeight];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = classes.Pixels[i] == 1 ? 1.5f : classes.Pixels[i] == 2 ? -0.5f : -0.2f;
        }

        var x = new Tensor(input, 1, 1, config.InputHeight, config.InputWidth);
        var targets = classes.Pixels.Select(p => (int)p).ToArray();
        var optimizer = new AdamW(network.Parameters(), 1e-2f, weightDecay: 0);
        var first = 0f;
        var last = 0f;
        for (var step = 0; step < 25; step++)
        {
            optimizer.ZeroGrad();
            var (loss, _, _, _) = SegmentationLoss.Compute(network.Forward(x), targets);
            loss.Backward();
            optimizer.Step();
            last = loss.Item();
            first = step == 0 ? last : first;
        }

        Assert.True(last < first * 0.6f, $"{architecture}: loss {first} -> {last}");
    }

    [Fact]
    public void ConfigSurvivesTheMetadataRoundTrip()
    {
        var config = new SegmentationNetConfig(SegmentationArchitecture.SeResidual, 128, 256, [6, 12, 24, 48]);

        var back = SegmentationNetConfig.FromMetadata(config.ToMetadata());

        Assert.Equal(config.Architecture, back.Architecture);
        Assert.Equal((config.InputWidth, config.InputHeight), (back.InputWidth, back.InputHeight));
        Assert.Equal(config.Widths, back.Widths);
    }

    [Theory]
    [InlineData("network", "VertebraNet", "not a SegmentationNet")]
    [InlineData("architecture", "dense", "Unknown segmentation architecture")]
    [InlineData("widths", "8,x", "malformed")]
    [InlineData("input_width", "30", "multiples of 4")]
    [InlineData("classes", "2", "2 classes")]
    public void BadMetadataIsAFormatExceptionThatSaysWhy(string key, string value, string message)
    {
        var metadata = new Dictionary<string, string>(Tiny("plain").ToMetadata()) { [key] = value };

        var exception = Assert.Throws<FormatException>(() => SegmentationNetConfig.FromMetadata(metadata));

        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public void ASavedModelLoadsAndPredictsTheSame()
    {
        var config = Tiny("attention-se-residual");
        var network = new SegmentationNet(config, new Random(4));
        var path = Path.Combine(_folder.FullName, "m.safetensors");
        ModuleWeights.Save(network, path, config.ToMetadata());
        var input = Tensor.RandomNormal(new Random(5), 1f, 1, 1, 64, 32).Data;

        var expected = SegmentationModel.FromNetwork(network).Probabilities(input);
        var loaded = SegmentationModel.Load(path);

        Assert.Equal("m.safetensors", loaded.Name);

        // A loaded model runs the fused inference path (batch norms folded into the convolutions), which rounds
        // differently from the layers the in-memory model runs: equal up to float rounding.
        Assert.NotNull(loaded.Fused);
        var actual = loaded.Probabilities(input);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"probability {i}: {actual[i]} loaded, {expected[i]} in memory");
        }
    }

    [Fact]
    public void AFileWithoutSegmentationMetadataIsAModelFormatException()
    {
        var path = Path.Combine(_folder.FullName, "other.safetensors");
        ModuleWeights.Save(new SegmentationNet(Tiny("plain"), new Random(1)), path, new Dictionary<string, string> { ["network"] = "VertebraNet" });

        var exception = Assert.Throws<ModelFormatException>(() => SegmentationModel.Load(path));

        Assert.Contains("other.safetensors", exception.Message);
    }
}
