using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Neural.Persistence;

namespace SpineKit.Cli.Tests.Commands;

public sealed class SegmentationCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-segment-");

    public SegmentationCommandTests()
    {
        // Untrained networks: their masks are arbitrary, but the pipeline around them must hold.
        Models = Directory.CreateDirectory(Path.Combine(_folder.FullName, "models")).FullName;
        var config = new SegmentationNetConfig(SegmentationArchitecture.AttentionSeResidual, 32, 64, [4, 8, 16]);
        for (var fold = 1; fold <= 2; fold++)
        {
            ModuleWeights.Save(new SegmentationNet(config, new Random(fold)), Path.Combine(Models, SegmentationTrainer.ModelFileName(fold)), config.ToMetadata());
        }

        var landmarkConfig = new VertebraNetConfig(64, 128, [4, 4, 8, 8, 8], 8, 4);
        var metadata = new Dictionary<string, string>(landmarkConfig.ToMetadata());
        foreach (var (key, value) in LandmarkModel.LevelMetadata(VertebraLevel.T1, 17))
        {
            metadata[key] = value;
        }

        LandmarkPath = Path.Combine(_folder.FullName, "landmarks.safetensors");
        ModuleWeights.Save(new VertebraNet(landmarkConfig, new Random(3)), LandmarkPath, metadata);

        Data = Path.Combine(_folder.FullName, "data");
        var images = Directory.CreateDirectory(Path.Combine(Data, "images")).FullName;
        var entries = new List<ChallengeEntry>();
        for (var i = 0; i < 3; i++)
        {
            var name = $"spine-{i}.png";
            File.WriteAllBytes(Path.Combine(images, name), PngEncoder.Encode(Radiograph(60 + (10 * i), 160, i)));
            entries.Add(new ChallengeEntry(name, [new(0.3, 0.1), new(0.7, 0.1), new(0.3, 0.2), new(0.7, 0.2), new(0.3, 0.25), new(0.7, 0.25), new(0.3, 0.35), new(0.7, 0.35)], null));
        }

        ChallengeDataset.Write(Directory.CreateDirectory(Path.Combine(Data, "labels")).FullName, entries);
    }

    private string Models { get; }

    private string LandmarkPath { get; }

    private string Data { get; }

    private string Images => Path.Combine(Data, "images");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void WritesAnEightBitMaskAndAnOverlayPerImage()
    {
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("segment", Images, "--models", Models, "--out", output, "--overlay", "--postprocess", "--landmark-model", LandmarkPath);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("3 segmented, 0 failed", stdout);
        var mask = (Image<byte>)ImageReader.Read(Path.Combine(output, "spine-1.mask.png")).Pixels;
        Assert.Equal((70, 160, 1, 8), (mask.Width, mask.Height, mask.Channels, mask.BitDepth));
        Assert.All(mask.Pixels, p => Assert.True(p is 0 or 255));
        var overlay = ImageReader.Read(Path.Combine(output, "spine-2.overlay.png")).Pixels;
        Assert.Equal((80, 160, 3), (overlay.Width, overlay.Height, overlay.Channels));
    }

    [Fact]
    public void AnExistingMaskIsReplacedOnlyWithOverwriteAndJsonListsEveryMask()
    {
        var output = Path.Combine(_folder.FullName, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "spine-1.mask.png"), "kept");

        var (exitCode, stdout, stderr) = Run("segment", Images, "--models", Models, "--out", output, "--json");

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("spine-1.mask.png already exists (from an earlier run?); pass --overwrite", stderr);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(output, "spine-1.mask.png")));
        using (var json = System.Text.Json.JsonDocument.Parse(stdout))
        {
            var root = json.RootElement;
            Assert.Equal("spinekit.segment-run/1", root.GetProperty("schema").GetString());
            Assert.Equal(["spine-0.png", "spine-2.png"], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("input").GetString()));
            Assert.Equal("spine-1.png", Assert.Single(root.GetProperty("failures").EnumerateArray()).GetProperty("input").GetString());
            // The two fold models and the landmark model of the default guide.
            Assert.Equal(3, root.GetProperty("models").GetArrayLength());
            JsonKeyStyle.AssertCamelCase(root);
            foreach (var result in root.GetProperty("results").EnumerateArray())
            {
                var mask = (Image<byte>)ImageReader.Read(result.GetProperty("mask").GetString()!).Pixels;
                var percent = 100.0 * mask.Pixels.Count(p => p != 0) / mask.Pixels.Length;
                Assert.Equal(percent, result.GetProperty("bodyPercent").GetDouble(), 3);
            }
        }

        var (again, _, _) = Run("segment", Images, "--models", Models, "--out", output, "--overwrite");

        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal(1, ImageReader.Read(Path.Combine(output, "spine-1.mask.png")).Pixels.Channels);
    }

    [Fact]
    public void ACorruptImageIsOneLineAndTheBatchGoesOn()
    {
        var corrupt = Path.Combine(_folder.FullName, "broken.png");
        File.WriteAllBytes(corrupt, [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0]);
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("segment", corrupt, Path.Combine(Images, "spine-0.png"), "--models", Models, "--out", output);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("spinekit: broken.png: ", line);
        Assert.Contains("1 segmented, 1 failed", stdout);
        Assert.True(File.Exists(Path.Combine(output, "spine-0.mask.png")));
    }

    [Fact]
    public void ADamagedModelInTheFolderIsNamedAndTheOthersStillVote()
    {
        File.WriteAllBytes(Path.Combine(Models, "segmentation-fold-3.safetensors"), [1, 2, 3]);

        var (exitCode, stdout, stderr) = Run("segment", Path.Combine(Images, "spine-0.png"), "--models", Models, "--out", Path.Combine(_folder.FullName, "out"));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.StartsWith("spinekit: segmentation-fold-3.safetensors skipped: ", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("1 segmented", stdout);
    }

    [Theory]
    [InlineData("segment", "missing-folder", "no such file or folder")]
    [InlineData("segment", "images", "no segmentation model")]
    public void MissingInputsOrModelsAreOneLineWithExitCodeOne(string command, string input, string message)
    {
        var path = input == "images" ? Images : Path.Combine(_folder.FullName, input);
        var models = input == "images" ? Path.Combine(_folder.FullName, "empty") : Models;
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "empty"));

        var (exitCode, _, stderr) = Run(command, path, "--models", models);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void EvaluatePrintsDiceAndIoUPerImageAndOverall()
    {
        var (exitCode, stdout, stderr) = Run("evaluate", "segmentation", "--data", Data, "--models", Models, "--split", "all", "--postprocess");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("spine-2.png: Dice ", stdout);
        Assert.Contains("post-processed Dice", stdout);
        Assert.Contains("mean Dice", stdout);
        Assert.Contains("mean IoU, post-processed", stdout);
    }

    [Fact]
    public void EvaluateJsonUsesTheKeysOfEveryOtherOutput()
    {
        var (exitCode, stdout, _) = Run("evaluate", "segmentation", "--data", Data, "--models", Models, "--split", "all", "--postprocess", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        JsonKeyStyle.AssertCamelCase(json.RootElement);
        Assert.Equal(3, json.RootElement.GetProperty("perImage").GetArrayLength());
        Assert.True(json.RootElement.TryGetProperty("dicePostprocessed", out _));

        // Every evaluation names each film's label problems and scores the films with clean labels apart (all three here).
        Assert.All(json.RootElement.GetProperty("perImage").EnumerateArray(), image => Assert.Equal(0, image.GetProperty("labelIssues").GetArrayLength()));
        Assert.Equal(3, json.RootElement.GetProperty("cleanLabels").GetProperty("images").GetInt32());

        // The landmark evaluations too, on the same images with the untrained landmark model.
        foreach (var kind in new[] { "landmarks", "interactive" })
        {
            var (landmarksExit, landmarksOutput, landmarksError) = Run("evaluate", kind, "--data", Data, "--model", LandmarkPath, "--split", "all", "--json");
            Assert.True(landmarksExit == ExitCodes.Success, landmarksError);
            using var figures = System.Text.Json.JsonDocument.Parse(landmarksOutput);
            JsonKeyStyle.AssertCamelCase(figures.RootElement);
            Assert.Equal(3, figures.RootElement.GetProperty("perImage").GetArrayLength());
            Assert.All(figures.RootElement.GetProperty("perImage").EnumerateArray(), image => Assert.Equal(0, image.GetProperty("labelIssues").GetArrayLength()));
            Assert.Equal(3, figures.RootElement.GetProperty("cleanLabels").GetProperty("images").GetInt32());
        }
    }

    [Theory]
    [InlineData("argmax", "arg-max (no calibrated body threshold)")]
    [InlineData("0.8", "body threshold 0.80")]
    public void TheBodyThresholdOptionChangesTheDecisionAndSaysSo(string value, string decision)
    {
        var (exitCode, stdout, stderr) = Run("evaluate", "segmentation", "--data", Data, "--models", Models, "--split", "all", "--body-threshold", value);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains(decision, stdout);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("half")]
    public void ABadBodyThresholdIsAUsageError(string value)
    {
        var (exitCode, _, stderr) = Run("segment", Images, "--models", Models, "--out", Path.Combine(_folder.FullName, "masks"), "--body-threshold", value);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--body-threshold must be a number between 0 and 1", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void ShardsSplitTheSortedInputsWithoutOverlap()
    {
        var seen = new List<string>();
        for (var shard = 0; shard < 2; shard++)
        {
            var output = Path.Combine(_folder.FullName, $"shard-{shard}");
            var (exitCode, _, stderr) = Run("segment", Images, "--models", Models, "--out", output, "--shard", $"{shard}/2");
            Assert.True(exitCode == ExitCodes.Success, stderr);
            seen.AddRange(Directory.GetFiles(output, "*.mask.png").Select(Path.GetFileName)!);
        }

        Assert.Equal(["spine-0.mask.png", "spine-1.mask.png", "spine-2.mask.png"], seen.Order());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "shard-1", "spine-1.mask.png")));
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("x")]
    [InlineData("1/0")]
    public void ABadShardIsAUsageError(string shard)
    {
        var (exitCode, _, stderr) = Run("segment", Images, "--models", Models, "--out", Path.Combine(_folder.FullName, "masks"), "--shard", shard);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--shard", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatingAMissingDatasetIsOneLine()
    {
        var (exitCode, _, stderr) = Run("evaluate", "segmentation", "--data", Path.Combine(_folder.FullName, "nowhere"), "--models", Models);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("spinekit: ", stderr);
    }

    [Theory]
    [InlineData("--architecture", "dense")]
    [InlineData("--input-size", "big")]
    [InlineData("--widths", "8,x")]
    [InlineData("--folds", "1")]
    [InlineData("--fold", "6")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "0")]
    [InlineData("--lr", "-1")]
    [InlineData("--minutes", "0")]
    [InlineData("--strip-tiles", "9")]
    [InlineData("--strip-tiles", "0")]
    [InlineData("--gap-dice", "-0.5")]
    [InlineData("--gap-dice", "11")]
    public void BadTrainingOptionsAreUsageErrors(string option, string value)
    {
        var (exitCode, _, stderr) = Run("train", "segmentation", "--data", Data, "--out", Path.Combine(_folder.FullName, "run"), option, value);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "0")]
    [InlineData("--lr", "NaN")]
    public void BadLandmarkTrainingOptionsAreUsageErrors(string option, string value)
    {
        var (exitCode, _, stderr) = Run("train", "landmarks", "--data", Data, "--out", Path.Combine(_folder.FullName, "run"), option, value);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedTrainingImagesAreNamedAndNothingIsTrained()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Images, "spine-1.png"));
        File.WriteAllBytes(Path.Combine(Images, "spine-1.png"), bytes.AsSpan(0, bytes.Length / 2).ToArray());
        File.Delete(Path.Combine(Images, "spine-2.png"));
        var run = Path.Combine(_folder.FullName, "run");

        var (exitCode, _, stderr) = Run("train", "landmarks", "--data", Data, "--out", run, "--epochs", "1", "--input-size", "64x128");

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("2 training image(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("spine-1.png: PNG", stderr, StringComparison.Ordinal);
        Assert.Contains("spine-2.png", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "model.safetensors")));
    }

    [Fact]
    public void TrainWritesAModelPerFoldThatSegmentCanUse()
    {
        var run = Path.Combine(_folder.FullName, "run");

        var (exitCode, stdout, stderr) = Run("train", "segmentation", "--data", Data, "--out", run, "--folds", "2", "--epochs", "1", "--batch", "1", "--input-size", "32x64", "--widths", "4,8", "--architecture", "plain");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("fold 2: best epoch 1", stdout);
        Assert.True(File.Exists(Path.Combine(run, "train.log")));
        var ensemble = SegmentationEnsemble.Load(run);
        Assert.Equal(2, ensemble.Models.Count);
        Assert.StartsWith("spinekit train segmentation --data", ensemble.Models[0].Metadata["training_command"]);
        Assert.All(ensemble.Models, m => Assert.InRange(m.BodyThreshold ?? -1, 0.3, 0.9));
        Assert.Equal(ExitCodes.Success, Run("segment", Path.Combine(Images, "spine-0.png"), "--models", run, "--out", Path.Combine(_folder.FullName, "masks")).ExitCode);
    }

    [Fact]
    public void TheFoldOptionAloneIsCheckedAgainstTheDefaultFoldCount()
    {
        var (exitCode, _, stderr) = Run("train", "segmentation", "--data", Path.Combine(_folder.FullName, "nowhere"), "--out", Path.Combine(_folder.FullName, "run"), "--fold", "5");

        Assert.NotEqual(ExitCodes.UsageError, exitCode);
        Assert.DoesNotContain("--fold must be", stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, Run("train", "segmentation", "--data", Data, "--out", Path.Combine(_folder.FullName, "run"), "--fold", "3", "--folds", "2").ExitCode);
    }

    [Fact]
    public void ModelsTrainedOnStripTilesSayHowManyAndEvaluateAndSegmentVoteOnTheStrip()
    {
        var run = Path.Combine(_folder.FullName, "run");

        var (exitCode, stdout, stderr) = Run("train", "segmentation", "--data", Data, "--out", run, "--folds", "2", "--epochs", "1", "--batch", "1", "--input-size", "32x64", "--widths", "4,8", "--architecture", "plain", "--strip-tiles", "2");

        Assert.True(exitCode == ExitCodes.Success, stderr);
        Assert.Contains("trained on 2 spine strip tiles per film", stdout, StringComparison.Ordinal);
        var ensemble = SegmentationEnsemble.Load(run);
        Assert.All(ensemble.Models, m => Assert.Equal(2, m.StripTiles));

        // No --strip-tiles: the models' own count, so the landmark stages run to plan the tiles.
        var (evaluateExit, evaluateOutput, evaluateError) = Run("evaluate", "segmentation", "--data", Data, "--models", run, "--split", "all", "--guide", "none", "--landmark-model", LandmarkPath, "--json");
        Assert.True(evaluateExit == ExitCodes.Success, evaluateError);
        using var figures = System.Text.Json.JsonDocument.Parse(evaluateOutput);
        Assert.Equal(2, figures.RootElement.GetProperty("stripTiles").GetInt32());

        var masks = Path.Combine(_folder.FullName, "masks");
        var (segmentExit, _, segmentError) = Run("segment", Path.Combine(Images, "spine-0.png"), "--models", run, "--guide", "none", "--landmark-model", LandmarkPath, "--out", masks);
        Assert.True(segmentExit == ExitCodes.Success, segmentError);
        Assert.True(File.Exists(Path.Combine(masks, "spine-0.levels.png")), "the landmark stages ran for the strip although no guide was asked for");
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Image<byte> Radiograph(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var spine = Math.Abs(x - (width / 2)) < 12 && (y / 12) % 2 == 0 ? 150 : 0;
                image[x, y] = (byte)(40 + spine + random.Next(30));
            }
        }

        return image;
    }
}
