using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Tests.Segmentation.Networks;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Segmentation.Inference;

public class SegmentationCalibrationTests
{
    private const int Width = 10;
    private const int Height = 10;

    [Fact]
    public void WithoutAThresholdTheDecisionIsTheArgMaxAndWithOneBodyNeedsThatProbability()
    {
        // Three pixels: body most probable at 0.4; body at 0.7 with gap second; background most probable.
        float[] probabilities = [0.3f, 0.1f, 0.8f, 0.4f, 0.7f, 0.1f, 0.3f, 0.2f, 0.1f];

        Assert.Equal([1, 1, 0], ClassProbabilities.Decide(probabilities, 3, 1, null).Pixels);
        Assert.Equal(ClassProbabilities.ArgMax(probabilities, 3, 1).Pixels, ClassProbabilities.Decide(probabilities, 3, 1, null).Pixels);
        Assert.Equal([0, 1, 0], ClassProbabilities.Decide(probabilities, 3, 1, 0.5).Pixels);
        Assert.Equal([0, 2, 0], ClassProbabilities.Decide(probabilities, 3, 1, 0.75).Pixels);
    }

    [Fact]
    public void CalibrationFindsTheThresholdThatRemovesAnOverDrawnRim()
    {
        // Truth: a 4x4 body. The model is sure inside (0.95) and fairly sure (0.72) on a one-pixel rim around it.
        var truth = new byte[Width * Height];
        var probabilities = new float[3 * Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = (y * Width) + x;
                var inside = x is >= 3 and <= 6 && y is >= 3 and <= 6;
                var rim = !inside && x is >= 2 and <= 7 && y is >= 2 and <= 7;
                truth[i] = inside ? (byte)SegmentationNetConfig.BodyClass : (byte)SegmentationNetConfig.BackgroundClass;
                var body = inside ? 0.95f : rim ? 0.72f : 0.05f;
                probabilities[(SegmentationNetConfig.BodyClass * Width * Height) + i] = body;
                probabilities[(SegmentationNetConfig.BackgroundClass * Width * Height) + i] = 1 - body;
            }
        }

        var calibrated = SegmentationCalibration.Calibrate([probabilities], [truth], Width, Height);

        Assert.Equal(0.75, calibrated.BodyThreshold);
        Assert.Equal(1.0, calibrated.Dice, 6);
        Assert.Equal(2.0 * 16 / (16 + 36), calibrated.ArgMaxDice, 6);
        Assert.Throws<ArgumentException>(() => SegmentationCalibration.Calibrate([], [], Width, Height));
    }

    [Fact]
    public void TheEnsembleVotesWithTheMeanCalibratedThresholdOrArgMaxIfAModelHasNone()
    {
        var config = SegmentationNetTests.Tiny("plain");
        SegmentationModel Model(int seed, string? threshold)
        {
            var metadata = new Dictionary<string, string>(config.ToMetadata());
            if (threshold is not null)
            {
                metadata[SegmentationModel.BodyThresholdKey] = threshold;
            }

            return SegmentationModel.FromNetwork(new SegmentationNet(config, new Random(seed)), metadata: metadata);
        }

        Assert.Equal(0.7, new SegmentationEnsemble([Model(1, "0.6"), Model(2, "0.8")]).BodyThreshold!.Value, 9);
        Assert.Null(new SegmentationEnsemble([Model(1, "0.6"), Model(2, null)]).BodyThreshold);
        Assert.Null(new SegmentationEnsemble([Model(1, "7")]).BodyThreshold);
        var ensemble = new SegmentationEnsemble([Model(1, "0.6")]);
        Assert.Null(ensemble.WithBodyThreshold(null).BodyThreshold);
        Assert.Equal(0.9, ensemble.WithBodyThreshold(0.9).BodyThreshold);
        Assert.Throws<ArgumentOutOfRangeException>(() => ensemble.WithBodyThreshold(1.2));
    }

    [Fact]
    public void ResumingAFinishedRunCalibratesAModelThatHasNoThreshold()
    {
        var root = Directory.CreateTempSubdirectory("spinekit-calibrate-").FullName;
        try
        {
            var data = SyntheticSpines.Create(Path.Combine(root, "data"), images: 10);
            var output = Path.Combine(root, "run");
            var options = new SegmentationTrainingOptions
            {
                DatasetDirectory = data,
                OutputDirectory = output,
                Network = new SegmentationNetConfig(SegmentationArchitecture.Plain, 32, 64, [4, 8]),
                Folds = 2,
                Epochs = 1,
                BatchSize = 2,
            };
            new SegmentationTrainer(options).Run();
            var path = Path.Combine(output, SegmentationTrainer.ModelFileName(1));
            Assert.NotNull(SegmentationModel.Load(path).BodyThreshold);

            // A model written before calibration existed: strip the keys, then resume.
            var model = SegmentationModel.Load(path);
            var stripped = model.Metadata.Where(p => p.Key is not SegmentationModel.BodyThresholdKey and not "fold_validation_dice_calibrated").ToDictionary();
            ModuleWeights.Save(model.Network, path, stripped);
            Assert.Null(SegmentationModel.Load(path).BodyThreshold);
            var lines = new List<string>();

            new SegmentationTrainer(options with { Resume = true }, lines.Add).Run();

            Assert.NotNull(SegmentationModel.Load(path).BodyThreshold);
            Assert.Contains(lines, l => l.StartsWith("fold 1: body threshold", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("fold 2: body threshold", StringComparison.Ordinal));
            var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
            Assert.Equal("fold,best_epoch,fold_validation_dice,body_threshold,fold_validation_dice_calibrated", summary[0]);
            Assert.All(summary.Skip(1), line => Assert.Equal(5, line.Split(',').Length));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
