using Microsoft.ML.OnnxRuntime;
using SpineKit.Detection.Export;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Tests.Refinement;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Export;

/// <summary>
/// Every shipped model type exported to ONNX and run in ONNX Runtime (the independent oracle) gives the engine's
/// output within 1e-4, at the training input size and at another size (the height and width are dynamic).
/// </summary>
public sealed class OnnxModelExportTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("spinekit-landmarks-ap.safetensors")]
    [InlineData("spinekit-locator-ap.safetensors")]
    public void LandmarkAndLocatorModelsMatchOnnxRuntime(string file)
    {
        var path = Path.Combine(RepositoryFiles.Root, "models", file);
        var model = LandmarkModel.Load(path);
        var export = OnnxModelExport.FromFile(path);
        Assert.Equal("VertebraNet", export.Network);
        Assert.Equal(model.Config.InputChannels, export.InputChannels);
        using var session = new InferenceSession(export.Bytes);
        AssertMetadata(session, export, path, model.Metadata);
        Compare(session, export, model.Network.Forward, 1, model.Config.InputHeight, model.Config.InputWidth);
        Compare(session, export, model.Network.Forward, 2, 128, 96);
    }

    [Fact]
    public void RefinerModelMatchesOnnxRuntime()
    {
        var path = RepositoryFiles.RefinerModel;
        var model = CornerRefinerModel.Load(path);
        var export = OnnxModelExport.FromFile(path);
        Assert.Equal(CornerRefinerConfig.NetworkName, export.Network);
        using var session = new InferenceSession(export.Bytes);
        AssertMetadata(session, export, path, model.Metadata);
        Compare(session, export, model.Network.Forward, 3, model.Config.CropSize, model.Config.CropSize);
        Compare(session, export, model.Network.Forward, 1, 64, 96);
    }

    [Fact]
    public void RegressionRefinerMatchesOnnxRuntime()
    {
        using var file = new RefinerFile(7);
        var model = CornerRefinerModel.Load(file.Path);
        var export = OnnxModelExport.FromFile(file.Path);
        using var session = new InferenceSession(export.Bytes);
        Assert.Equal("corner_offsets", export.OutputName);
        Assert.Equal([-1, 8], session.OutputMetadata.Single().Value.Dimensions);
        Compare(session, export, model.Network.Forward, 3, model.Config.CropSize, model.Config.CropSize);

        // The output's description tells a user of the ONNX file how to read corners: offsets in cells from the
        // centre, plus (cells - 1) / 2, times the stride plus half of it. That reading must give the engine's corners.
        var size = model.Config.CropSize;
        var random = new Random(11);
        var data = Enumerable.Range(0, size * size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        Tensor expected;
        using (GradMode.NoGrad())
        {
            expected = model.Network.Corners(new Tensor((float[])data.Clone(), 1, 1, size, size));
        }

        using var input = OrtValue.CreateTensorValueFromMemory(data, [1, 1, size, size]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [export.InputName], [input], [export.OutputName]);
        var offsets = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var description = session.ModelMetadata.CustomMetadataMap["onnx_output"];
        var centre = (model.Config.OutputSize - 1) / 2.0;
        Assert.Contains(FormattableString.Invariant($"plus {centre:0.##}, times {CornerRefinerConfig.OutputStride} plus {CornerRefinerConfig.OutputStride / 2}"), description, StringComparison.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected.Data[i], ((offsets[i] + centre) * CornerRefinerConfig.OutputStride) + (CornerRefinerConfig.OutputStride / 2), 3);
        }
    }

    [Fact]
    public void TheExportSaysHowARefinersCropsAreNormalised()
    {
        using var file = new RefinerFile(8, RefinerFile.Regression with { Head = CornerRefinerHead.Heatmaps, Normalization = InputNormalization.ClaheStandardize });
        using var clahe = new InferenceSession(OnnxModelExport.FromFile(file.Path).Bytes);
        using var shipped = new InferenceSession(OnnxModelExport.FromFile(RepositoryFiles.RefinerModel).Bytes);

        Assert.Contains("CLAHE-equalised (OpenCV's createCLAHE on 256 grey levels of [0, 1], clip limit 2, 4x4 tiles)", clahe.ModelMetadata.CustomMetadataMap["onnx_input"], StringComparison.Ordinal);
        Assert.DoesNotContain("CLAHE", shipped.ModelMetadata.CustomMetadataMap["onnx_input"], StringComparison.Ordinal);
    }

    [Fact]
    public void LevelClassifierModelMatchesOnnxRuntime()
    {
        var path = RepositoryFiles.LevelsModel;
        var model = LevelClassifierModel.Load(path);
        var export = OnnxModelExport.FromFile(path);
        Assert.Equal(LevelClassifierConfig.NetworkName, export.Network);
        using var session = new InferenceSession(export.Bytes);
        AssertMetadata(session, export, path, model.Metadata);
        Assert.Equal([-1, LevelClassifierConfig.Classes.Count], session.OutputMetadata.Single().Value.Dimensions);
        Compare(session, export, model.Network.Forward, 3, model.Config.CropSize, model.Config.CropSize);
    }

    [Fact]
    public void SegmentationModelMatchesOnnxRuntime()
    {
        var path = Directory.GetFiles(RepositoryFiles.SegmentationModels, "*.safetensors").Order(StringComparer.Ordinal).First();
        var model = SegmentationModel.Load(path);
        var export = OnnxModelExport.FromFile(path);
        Assert.Equal("SegmentationNet", export.Network);
        using var session = new InferenceSession(export.Bytes);
        AssertMetadata(session, export, path, model.Metadata);
        Compare(session, export, model.Network.Forward, 1, model.Config.InputHeight, model.Config.InputWidth);
        Compare(session, export, model.Network.Forward, 2, 64, 48);
    }

    [Fact]
    public void AFileThatIsNoSpineKitModelIsRefusedWithItsName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spinekit-onnx-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, "not a model"u8.ToArray());
        try
        {
            var error = Assert.Throws<ModelFormatException>(() => OnnxModelExport.FromFile(path));
            Assert.Contains("safetensors", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertMetadata(InferenceSession session, OnnxExport export, string path, IReadOnlyDictionary<string, string> modelMetadata)
    {
        var custom = session.ModelMetadata.CustomMetadataMap;
        foreach (var (key, value) in modelMetadata)
        {
            Assert.Equal(value, custom[key]);
        }

        Assert.Equal(Path.GetFileName(path), custom["source_file"]);
        Assert.Equal(ModelFile.Of(path).Sha256, custom["source_sha256"]);
        Assert.Equal("SpineKit", session.ModelMetadata.ProducerName);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(export.InputName, input.Key);
        Assert.Equal([-1, export.InputChannels, -1, -1], input.Value.Dimensions);
        Assert.Equal(["batch", string.Empty, "height", "width"], input.Value.SymbolicDimensions);
        Assert.Equal(export.OutputName, Assert.Single(session.OutputMetadata).Key);
    }

    private static void Compare(InferenceSession session, OnnxExport export, Func<Tensor, Tensor> forward, int batch, int height, int width)
    {
        var random = new Random(batch * 1000 + height + width);
        var data = new float[batch * export.InputChannels * height * width];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 4 - 2);
        }

        Tensor expected;
        using (GradMode.NoGrad())
        {
            expected = forward(new Tensor((float[])data.Clone(), batch, export.InputChannels, height, width));
        }

        using var input = OrtValue.CreateTensorValueFromMemory(data, [batch, export.InputChannels, height, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [export.InputName], [input], [export.OutputName]);
        Assert.Equal(expected.Shape.Select(d => (long)d), outputs[0].GetTensorTypeAndShape().Shape);
        var actual = outputs[0].GetTensorDataAsSpan<float>();
        var worst = 0.0;
        var worstAt = -1;
        for (var i = 0; i < actual.Length; i++)
        {
            var difference = Math.Abs(actual[i] - expected.Data[i]) / Math.Max(1, Math.Abs(expected.Data[i]));
            if (difference > worst)
            {
                worst = difference;
                worstAt = i;
            }
        }

        Assert.True(worst <= Tolerance, $"{export.Network} {batch}x{height}x{width}: ONNX Runtime differs from the engine by {worst:g3} (relative to max(1, |value|)) at element {worstAt}: {(worstAt < 0 ? 0 : actual[worstAt])} vs {(worstAt < 0 ? 0 : expected.Data[worstAt])}.");
    }
}
