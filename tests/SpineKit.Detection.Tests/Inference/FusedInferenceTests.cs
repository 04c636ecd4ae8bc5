using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Tests.Refinement;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Inference;

/// <summary>
/// The shipped models loaded from their files run through the fused inference path (what analyze, segment and
/// the web use); its output equals the layers' evaluation-mode Forward within 1e-5 of the output's largest value.
/// </summary>
public sealed class FusedInferenceTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("spinekit-landmarks-ap.safetensors")]
    [InlineData("spinekit-locator-ap.safetensors")]
    public void LandmarkModelsFusedEqualEager(string file)
    {
        var model = LandmarkModel.Load(Path.Combine(RepositoryFiles.Root, "models", file));
        Assert.NotNull(model.Fused);
        // Every one of its 14 convolution-BN-ReLU units (10 encoder, 3 decoder, 1 head) becomes one step.
        Assert.Equal(14, model.Fused.FoldedNorms);
        Assert.Equal(14, model.Fused.FusedActivations);

        // The decoder's three sums (upsampled top + lateral 1x1 convolution) happen in the laterals' output stage.
        Assert.Equal(3, model.Fused.FusedSums);
        Compare(model.Fused.Run, model.Network.Forward, 1, model.Config.InputChannels, model.Config.InputHeight, model.Config.InputWidth);
    }

    [Fact]
    public void RefinerFusedEqualsEager()
    {
        var model = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);
        Assert.NotNull(model.Fused);
        Compare(model.Fused.Run, model.Network.Forward, 5, 1, model.Config.CropSize, model.Config.CropSize);
    }

    [Fact]
    public void RegressionRefinerFusedEqualsEager()
    {
        using var file = new RefinerFile(6);
        var model = CornerRefinerModel.Load(file.Path);
        Assert.NotNull(model.Fused);
        Compare(model.Fused.Run, model.Network.Forward, 3, 1, model.Config.CropSize, model.Config.CropSize);
    }

    [Fact]
    public void LevelClassifierFusedEqualsEager()
    {
        var model = LevelClassifierModel.Load(RepositoryFiles.LevelsModel);
        Assert.NotNull(model.Fused);
        Compare(model.Fused.Run, model.Network.Forward, 7, 1, model.Config.CropSize, model.Config.CropSize);
    }

    [Fact]
    public void SegmentationFusedEqualsEager()
    {
        var path = Directory.GetFiles(RepositoryFiles.SegmentationModels, "*.safetensors").Order(StringComparer.Ordinal).First();
        var model = SegmentationModel.Load(path);
        Assert.NotNull(model.Fused);
        Compare(model.Fused.Run, model.Network.Forward, 1, 1, model.Config.InputHeight, model.Config.InputWidth);
    }

    [Fact]
    public void AnEnsemblesModelsShareTheirBuffersAndPredictAsAlone()
    {
        var ensemble = SegmentationEnsemble.Load(RepositoryFiles.SegmentationModels);
        var first = ensemble.Models[0];
        Assert.All(ensemble.Models, m => Assert.Same(first.Fused!.Arena, m.Fused!.Arena));
        var random = new Random(12);
        var input = new float[first.Config.InputWidth * first.Config.InputHeight];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() * 4 - 2);
        }

        foreach (var model in ensemble.Models)
        {
            Assert.Equal(SegmentationModel.Load(Path.Combine(RepositoryFiles.SegmentationModels, model.Name)).Probabilities(input), model.Probabilities(input));
        }

        // Five models of the same shape share about one model's buffers (the greedy fit may grow a slot or add
        // one for a later model), not five.
        var one = first.Fused!.PlannedFloats([1, 1, first.Config.InputHeight, first.Config.InputWidth]);
        Assert.True(first.Fused.Arena.Floats < 2 * one, $"the ensemble's arena holds {first.Fused.Arena.Floats} floats, one model plans {one}");
    }

    [Fact]
    public void InMemoryModelsRunTheirLayers()
    {
        var trained = LandmarkModel.Load(RepositoryFiles.Model);
        Assert.Null(LandmarkModel.FromNetwork(trained.Network, trained.FirstLevel, trained.LevelCount).Fused);
    }

    private static void Compare(Func<Tensor, Tensor> fused, Func<Tensor, Tensor> eager, params int[] shape)
    {
        var random = new Random(shape.Sum());
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 4 - 2);
        }

        Tensor expected;
        using (GradMode.NoGrad())
        {
            expected = eager(new Tensor((float[])data.Clone(), shape));
        }

        var input = new Tensor(data, shape);
        var actual = fused(input);
        fused(input);
        Assert.Equal(expected.Shape, actual.Shape);
        var scale = expected.Data.Max(Math.Abs);
        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual.Data[i] - expected.Data[i]) / scale);
        }

        Assert.True(worst <= Tolerance, $"the fused output differs from the eager one by {worst:g3} of its largest value");
    }
}
