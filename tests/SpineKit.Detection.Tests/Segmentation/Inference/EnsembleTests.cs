using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Tests.Segmentation.Networks;
using SpineKit.Imaging;
using SpineKit.Neural;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Segmentation.Inference;

public sealed class EnsembleTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-ensemble-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void AStripOfOneWholeFilmTileIsTheWholeFilmVoteAndOutsideTheTilesIsBackground()
    {
        var config = SegmentationNetTests.Tiny("plain");
        var ensemble = new SegmentationEnsemble([SegmentationModel.FromNetwork(new SegmentationNet(config, new Random(3)))]);
        var random = new Random(9);
        var grey = new Image<float>(50, 90);
        for (var i = 0; i < grey.Pixels.Length; i++)
        {
            grey.Pixels[i] = (float)random.NextDouble();
        }

        var whole = ensemble.Segment(grey);
        var strip = ensemble.SegmentStrip(grey, [new SpineStripTile(0, 0, grey.Width, grey.Height)]);
        var part = ensemble.SegmentStrip(grey, [new SpineStripTile(10, 20, 16, 32)]);

        Assert.Equal(whole.Classes.Pixels, strip.Classes.Pixels);
        Assert.Equal(whole.BodyMask.Pixels, strip.BodyMask.Pixels);
        Assert.Equal(0, part.Classes[5, 5]);
        Assert.Equal(0, part.Classes[40, 80]);
        Assert.Throws<ArgumentException>(() => ensemble.SegmentStrip(grey, []));
    }

    [Fact]
    public void SoftmaxGivesDistributionsPerPixel()
    {
        float[] logits = [0, 10, 0, 0, 0, -10];

        var probabilities = ClassProbabilities.Softmax(logits, plane: 2);

        Assert.Equal(1 / 3.0, probabilities[0], 5);
        Assert.Equal(1 / 3.0, probabilities[2], 5);
        Assert.True(probabilities[1] > 0.9999f);
        Assert.Equal(1f, probabilities[1] + probabilities[3] + probabilities[5], 5);
    }

    [Fact]
    public void VotingAveragesProbabilitiesSoAConfidentMinorityCanWin()
    {
        // Two pixels, three classes, three models. Pixel 0: two models lean background (0.4 vs 0.35 body),
        // one is sure of body (0.9): the mean says body. Pixel 1: every model says gap.
        float[] a = [0.40f, 0.10f, 0.35f, 0.10f, 0.25f, 0.80f];
        float[] b = [0.40f, 0.10f, 0.35f, 0.10f, 0.25f, 0.80f];
        float[] c = [0.05f, 0.30f, 0.90f, 0.10f, 0.05f, 0.60f];

        var mean = ClassProbabilities.Average([a, b, c]);
        var classes = ClassProbabilities.ArgMax(mean, 2, 1);

        Assert.Equal(0.85f / 3, mean[0], 5);
        Assert.Equal(1.6f / 3, mean[2], 5);
        Assert.Equal(new byte[] { 1, 2 }, classes.Pixels);
    }

    [Fact]
    public void ArgMaxTiesGoToTheLowerClass()
    {
        Assert.Equal(new byte[] { 0 }, ClassProbabilities.ArgMax([0.4f, 0.4f, 0.2f], 1, 1).Pixels);
        Assert.Throws<ArgumentException>(() => ClassProbabilities.Average([[1f], [1f, 2f]]));
    }

    [Fact]
    public void ResizedProbabilitiesStillSumToOne()
    {
        var probabilities = ClassProbabilities.Softmax(Tensor.RandomNormal(new Random(1), 2f, 3 * 4 * 8).Data, 4 * 8);

        var resized = ClassProbabilities.Resize(probabilities, 4, 8, 9, 21);

        for (var p = 0; p < 9 * 21; p++)
        {
            Assert.Equal(1f, resized[p] + resized[(9 * 21) + p] + resized[(2 * 9 * 21) + p], 4);
        }
    }

    [Fact]
    public void LoadsEveryModelOfAFolderAndSkipsOtherFiles()
    {
        for (var fold = 1; fold <= 2; fold++)
        {
            var config = SegmentationNetTests.Tiny("se-residual");
            ModuleWeights.Save(new SegmentationNet(config, new Random(fold)), Path.Combine(_folder.FullName, SegmentationTrainer.ModelFileName(fold)), config.ToMetadata());
        }

        File.WriteAllText(Path.Combine(_folder.FullName, "notes.safetensors"), "not a model");
        ModuleWeights.Save(new SegmentationNet(SegmentationNetTests.Tiny("plain"), new Random(1)), Path.Combine(_folder.FullName, "landmarks.safetensors"), new Dictionary<string, string> { ["network"] = "VertebraNet" });

        var ensemble = SegmentationEnsemble.Load(_folder.FullName);

        Assert.Equal(["segmentation-fold-1.safetensors", "segmentation-fold-2.safetensors"], ensemble.Models.Select(m => m.Name));
        Assert.Equal(["landmarks.safetensors", "notes.safetensors"], ensemble.Skipped.Select(s => s.File));
        Assert.Contains("VertebraNet", ensemble.Skipped[0].Reason);
    }

    [Fact]
    public void SegmentsAtTheRadiographSizeAndAveragesTheModels()
    {
        var config = SegmentationNetTests.Tiny("attention-se-residual");
        var models = Enumerable.Range(1, 3).Select(s => SegmentationModel.FromNetwork(new SegmentationNet(config, new Random(s)))).ToList();
        var ensemble = new SegmentationEnsemble(models);
        var grey = new Image<float>(70, 150);
        var random = new Random(3);
        for (var i = 0; i < grey.Pixels.Length; i++)
        {
            grey.Pixels[i] = (float)random.NextDouble();
        }

        var prediction = ensemble.Segment(grey, SegmentationPostProcessing.Default);
        var resized = Preprocessing.InputNormalizer.Resize(grey, config.InputWidth, config.InputHeight);
        var input = new float[config.InputWidth * config.InputHeight];
        Preprocessing.InputNormalizer.Standardize(resized.Pixels, input);
        var expected = ClassProbabilities.Average(models.Select(m => m.Probabilities(input)).ToList());

        Assert.Equal(expected, ensemble.InputProbabilities(resized));
        Assert.Equal((70, 150), (prediction.Classes.Width, prediction.Classes.Height));
        Assert.Equal((70, 150), (prediction.FinalMask.Width, prediction.FinalMask.Height));
        Assert.NotNull(prediction.PostProcessedMask);
        Assert.All(prediction.BodyMask.Pixels, p => Assert.True(p is 0 or 255));
    }

    [Fact]
    public void MirrorVotingAveragesTheMirroredViewMirroredBack()
    {
        var config = SegmentationNetTests.Tiny("se-residual");
        var model = SegmentationModel.FromNetwork(new SegmentationNet(config, new Random(5)));
        var ensemble = new SegmentationEnsemble([model]);
        var resized = new Image<float>(config.InputWidth, config.InputHeight);
        var random = new Random(9);
        for (var i = 0; i < resized.Pixels.Length; i++)
        {
            resized.Pixels[i] = (float)random.NextDouble();
        }

        var mirroredImage = new Image<float>(config.InputWidth, config.InputHeight);
        for (var y = 0; y < config.InputHeight; y++)
        {
            for (var x = 0; x < config.InputWidth; x++)
            {
                mirroredImage.Pixels[(y * config.InputWidth) + x] = resized.Pixels[(y * config.InputWidth) + config.InputWidth - 1 - x];
            }
        }

        var plain = ensemble.InputProbabilities(resized);
        var voted = ensemble.InputProbabilities(resized, mirrorVoting: true);
        var votedOnMirror = ensemble.InputProbabilities(mirroredImage, mirrorVoting: true);
        var direct = ensemble.InputProbabilities(mirroredImage);

        // An untrained network is not mirror-symmetric, so the second vote must change the maps ...
        Assert.True(plain.Zip(voted).Max(p => Math.Abs(p.First - p.Second)) > 1e-4f);
        for (var i = 0; i < voted.Length; i++)
        {
            var row = i / config.InputWidth;
            var column = i % config.InputWidth;
            var mirroredIndex = (row * config.InputWidth) + config.InputWidth - 1 - column;

            // ... into the mean of the direct view and the mirrored view mirrored back,
            Assert.Equal((plain[i] + direct[mirroredIndex]) / 2, voted[i], 1e-6f);

            // which makes the vote itself mirror-symmetric.
            Assert.Equal(votedOnMirror[mirroredIndex], voted[i], 1e-6f);
        }
    }

    [Fact]
    public void MirroringReversesEveryRowAndRejectsRaggedPlanes()
    {
        Assert.Equal([3f, 2f, 1f, 6f, 5f, 4f], ClassProbabilities.MirrorHorizontally([1f, 2f, 3f, 4f, 5f, 6f], 3));
        Assert.Throws<ArgumentException>(() => ClassProbabilities.MirrorHorizontally([1f, 2f, 3f, 4f], 3));
    }

    [Fact]
    public void AnEmptyFolderOrMissingPathSaysSo()
    {
        Assert.Contains("no segmentation model", Assert.Throws<FileNotFoundException>(() => SegmentationEnsemble.Load(_folder.FullName)).Message);
        Assert.Throws<FileNotFoundException>(() => SegmentationEnsemble.Load(Path.Combine(_folder.FullName, "missing")));
    }

    [Fact]
    public void ModelsOfDifferentInputSizesCannotVote()
    {
        var small = SegmentationModel.FromNetwork(new SegmentationNet(SegmentationNetTests.Tiny("plain"), new Random(1)));
        var large = SegmentationModel.FromNetwork(new SegmentationNet(SegmentationNetTests.Tiny("plain", 64, 64), new Random(1)));

        Assert.Throws<ModelFormatException>(() => new SegmentationEnsemble([small, large]));
    }
}
