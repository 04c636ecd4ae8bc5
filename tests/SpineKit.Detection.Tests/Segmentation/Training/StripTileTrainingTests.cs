using SpineKit.Detection.Inference;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.Training;
using SpineKit.Detection.Tests.Segmentation.Networks;
using SpineKit.Detection.Training;
using SpineKit.Neural;
using SpineKit.Neural.Persistence;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Segmentation.Training;

/// <summary>Training on spine strip tiles (<see cref="StripTileSampling"/>) on the synthetic films (96x192, four bodies).</summary>
public sealed class StripTileTrainingTests : IDisposable
{
    private const int InputWidth = 32;
    private const int InputHeight = 64;

    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-striptrain-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SegmentationTrainingOptions Options(string data, string output, int seed = 3) => new()
    {
        DatasetDirectory = data,
        OutputDirectory = output,
        Network = new SegmentationNetConfig(SegmentationArchitecture.AttentionSeResidual, InputWidth, InputHeight, [4, 8, 16]),
        Folds = 2,
        OnlyFolds = [1],
        Epochs = 1,
        BatchSize = 2,
        Seed = seed,
        StripTiles = 2,
    };

    [Theory]
    [InlineData(20, 40)]
    [InlineData(30, -20)]
    [InlineData(30, 150)]
    public void ATilesTargetsAreTheWholeFilmsTargetsCutByTheSameTile(int left, int top)
    {
        var film = TrainingSetLoader.LoadFullResolution(SyntheticSpines.Create(Path.Combine(_root, "data"), images: 1))[0];
        Assert.Equal((SyntheticSpines.Width, SyntheticSpines.Height), (film.Input.Width, film.Input.Height));

        // A tile of the input's size: the network sees the film's pixels one to one, so the cut targets must match exactly.
        var tile = new SpineStripTile(left, top, InputWidth, InputHeight);
        var view = StripTileSampling.View(film, tile, InputWidth, InputHeight);
        var whole = SegmentationMasks.Render(film.Corners, film.Input.Width, film.Input.Height);
        var cut = SegmentationMasks.Render(view.Corners, InputWidth, InputHeight);

        var inside = 0;
        for (var y = 0; y < InputHeight; y++)
        {
            for (var x = 0; x < InputWidth; x++)
            {
                int fx = left + x, fy = top + y;
                var onFilm = fx >= 0 && fy >= 0 && fx < whole.Width && fy < whole.Height;
                Assert.Equal(onFilm ? whole[fx, fy] : (byte)0, cut[x, y]);
                inside += onFilm && whole[fx, fy] != 0 ? 1 : 0;
            }
        }

        Assert.True(inside > 0, "the tile shows part of a body or gap");
        Assert.Equal(SpineStrip.Cut(film.Input, tile, InputWidth, InputHeight).Pixels, view.Input.Pixels);
        Assert.Equal(film.Input[Math.Clamp(left + 5, 0, film.Input.Width - 1), Math.Clamp(top + 7, 0, film.Input.Height - 1)], view.Input[5, 7]);
    }

    [Fact]
    public void BatchesCutTheJitteredPlannedTileAndAreDeterministicGivenTheSeeds()
    {
        var films = TrainingSetLoader.LoadFullResolution(SyntheticSpines.Create(Path.Combine(_root, "data"), images: 2));
        var config = new SegmentationNetConfig(SegmentationArchitecture.Plain, InputWidth, InputHeight, [4, 8]);
        var strip = new StripTileSampling(2);
        Assert.All(films, f => Assert.Equal(2, strip.Plan(f, InputWidth, InputHeight).Count));

        var (input, classes) = SegmentationTrainer.BuildBatch(films, [11, 12], config, AugmentationSettings.None, strip, [0, 1]);
        var (again, againClasses) = SegmentationTrainer.BuildBatch(films, [11, 12], config, AugmentationSettings.None, strip, [0, 1]);
        var (other, _) = SegmentationTrainer.BuildBatch(films, [13, 14], config, AugmentationSettings.None, strip, [0, 1]);

        Assert.Equal(input.Data, again.Data);
        Assert.Equal(classes, againClasses);
        Assert.NotEqual(input.Data, other.Data);

        // Film b's batch entry is its planned tile b, jittered by the generator of its seed, cut and mapped as View does.
        var plane = InputWidth * InputHeight;
        for (var b = 0; b < 2; b++)
        {
            var tile = strip.Jitter(strip.Plan(films[b], InputWidth, InputHeight)[b], new Random(11 + b));
            var view = StripTileSampling.View(films[b], tile, InputWidth, InputHeight);
            var standardized = new float[plane];
            InputNormalizer.Standardize(view.Input.Pixels, standardized);
            Assert.Equal(standardized, input.Data.AsSpan(b * plane, plane).ToArray());
            Assert.Equal(SegmentationMasks.Render(view.Corners, InputWidth, InputHeight).Pixels.Select(p => (int)p), classes.Skip(b * plane).Take(plane));
        }

        Assert.Throws<ArgumentException>(() => SegmentationTrainer.BuildBatch(films, [1, 2], config, AugmentationSettings.None, strip, [0]));
    }

    [Fact]
    public void OneEpochOnStripTilesSavesReloadsAndSegmentsThroughTheStrip()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 10);
        var output = Path.Combine(_root, "run");

        var result = Assert.Single(new SegmentationTrainer(Options(data, output)).Run());

        var ensemble = SegmentationEnsemble.Load(output);
        Assert.Equal(2, ensemble.StripTiles);
        Assert.Equal("2", ensemble.Models[0].Metadata[SegmentationModel.StripTilesKey]);
        Assert.InRange(result.BestDice, 0, 1);

        // Validation ran on the held-out films' tiles: the calibrated threshold was chosen on them.
        Assert.NotNull(ensemble.Models[0].BodyThreshold);

        var film = TrainingSetLoader.LoadFullResolution(data)[0];
        var segmenter = new LandmarkGuidedSegmenter(ensemble, new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model)), guide: null);
        Assert.Equal(2, segmenter.StripTiles);
        var segmented = segmenter.SegmentWithLandmarks(film.Input, film.Truth);

        var tiles = SpineStrip.Plan(film.Truth, InputWidth, InputHeight, 2);
        Assert.Equal(2, tiles.Count);
        Assert.Equal(ensemble.SegmentStrip(film.Input, tiles).Classes.Pixels, segmented.Vote!.Classes.Pixels);
        Assert.Equal(segmented.Vote.FinalMask.Pixels, segmented.Mask.Pixels);
    }

    [Fact]
    public void StripTrainingIsDeterministicGivenASeed()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 10);

        new SegmentationTrainer(Options(data, Path.Combine(_root, "a"))).Run();
        new SegmentationTrainer(Options(data, Path.Combine(_root, "b"))).Run();
        new SegmentationTrainer(Options(data, Path.Combine(_root, "c"), seed: 4)).Run();

        static IReadOnlyDictionary<string, float[]> Weights(string run) =>
            SafeTensorsReader.Read(Path.Combine(run, SegmentationTrainer.ModelFileName(1))).Tensors.ToDictionary(p => p.Key, p => p.Value.Data);
        var (a, b, c) = (Weights(Path.Combine(_root, "a")), Weights(Path.Combine(_root, "b")), Weights(Path.Combine(_root, "c")));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, pair => Assert.Equal(pair.Value, b[pair.Key]));
        Assert.Contains(a, pair => !pair.Value.SequenceEqual(c[pair.Key]));
    }

    [Fact]
    public void RejectsTileCountsAndModelsThatCannotVoteTogether()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentationTrainer(Options(_root, _root) with { StripTiles = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentationTrainer(Options(_root, _root) with { StripTiles = 0 }));

        var network = new SegmentationNet(SegmentationNetTests.Tiny("plain"), new Random(1));
        var whole = SegmentationModel.FromNetwork(network);
        var strip = SegmentationModel.FromNetwork(network, metadata: new Dictionary<string, string>(network.Config.ToMetadata()) { [SegmentationModel.StripTilesKey] = "2" });
        var damaged = SegmentationModel.FromNetwork(network, metadata: new Dictionary<string, string>(network.Config.ToMetadata()) { [SegmentationModel.StripTilesKey] = "two" });

        Assert.Equal(2, strip.StripTiles);
        Assert.Null(whole.StripTiles);
        Assert.Throws<ModelFormatException>(() => new SegmentationEnsemble([whole, strip]));
        Assert.Throws<ModelFormatException>(() => damaged.StripTiles);
    }
}
