using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;
using SpineKit.Neural;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Refinement;

public sealed class CornerRefinerTests
{
    private static readonly CornerRefinerConfig Tiny = new(32, 1.7, [4, 4, 8, 8], 8);

    [Theory]
    [InlineData(false, CornerRefinerHead.Heatmaps)]
    [InlineData(true, CornerRefinerHead.Heatmaps)]
    [InlineData(false, CornerRefinerHead.Regression)]
    [InlineData(true, CornerRefinerHead.Regression)]
    public void AZeroedOutputLayerPutsEveryCornerAtTheCentreOfItsCrop(bool flip, CornerRefinerHead head)
    {
        // With the output layer zeroed every heatmap is flat, so the soft-argmax is the crop's centre, and the
        // regression head's offsets from the centre are zero; mapped back through the exact inverse of each crop's
        // turn and scale, that is each vertebra's own centre on the film.
        var network = new CornerRefinerNet(Tiny with { Head = head }, new Random(1));
        foreach (var (name, tensor) in network.NamedParameters().Where(p => p.Name.StartsWith("out.", StringComparison.Ordinal)))
        {
            Array.Clear(tensor.Data);
        }

        network.Eval();
        var refiner = new CornerRefiner(CornerRefinerModel.FromNetwork(network)) { TestTimeFlip = flip };
        var film = new Image<float>(400, 600);
        var landmarks = new LandmarkSet(new ImageSize(400, 600),
        [
            Vertebra.FromCorners(VertebraLevel.T1, [new(100, 100), new(160, 110), new(98, 140), new(158, 150)], 0.9),
            Vertebra.FromCorners(VertebraLevel.T2, [new(200, 300), new(250, 280), new(210, 330), new(262, 312)], 0),
        ]);

        var refined = refiner.Refine(film, landmarks);

        Assert.Equal(landmarks.Vertebrae.Select(v => (v.Level, v.Confidence)), refined.Vertebrae.Select(v => (v.Level, v.Confidence)));
        for (var i = 0; i < 2; i++)
        {
            var centre = landmarks.Vertebrae[i].CornerArray();
            double cx = centre.Average(p => p.X), cy = centre.Average(p => p.Y);
            foreach (var corner in refined.Vertebrae[i].CornerArray())
            {
                Assert.Equal(cx, corner.X, 2);
                Assert.Equal(cy, corner.Y, 2);
            }
        }
    }

    [Fact]
    public void AMirroredPredictionIsMirroredBackWithItsCornersRelabelled()
    {
        // A film and body symmetric about x = 100: the mirrored crop is the upright crop pixel for pixel, so the
        // network answers both alike, and the mirrored member's corner k is the upright corner k mirrored about
        // x = 100 and relabelled to k xor 1. The average of tl is therefore (tl + mirror(tr)) / 2; without the
        // relabelling it would be (tl + mirror(tl)) / 2, which lies on x = 100.
        var network = new CornerRefinerNet(Tiny, new Random(4));
        network.Eval();
        var film = new Image<float>(200, 200);
        for (var y = 80; y < 120; y++)
        {
            for (var x = 70; x < 130; x++)
            {
                film[x, y] = 1f;
            }
        }

        var landmarks = new LandmarkSet(new ImageSize(200, 200), [Vertebra.FromCorners(VertebraLevel.L1, [new(70, 80), new(130, 80), new(70, 120), new(130, 120)])]);
        var upright = new CornerRefiner(CornerRefinerModel.FromNetwork(network)).Refine(film, landmarks).Vertebrae[0].CornerArray();
        var averaged = new CornerRefiner(CornerRefinerModel.FromNetwork(network)) { TestTimeFlip = true }.Refine(film, landmarks).Vertebrae[0].CornerArray();

        for (var k = 0; k < 4; k++)
        {
            var partner = upright[k ^ 1];
            Assert.Equal((upright[k].X + (200 - partner.X)) / 2, averaged[k].X, 2);
            Assert.Equal((upright[k].Y + partner.Y) / 2, averaged[k].Y, 2);
        }
    }

    [Fact]
    public void ModelFilesRoundTripAndForeignFilesAreRefused()
    {
        var directory = Directory.CreateTempSubdirectory("spinekit-refiner-").FullName;
        try
        {
            var network = new CornerRefinerNet(Tiny, new Random(2));
            var path = Path.Combine(directory, "refiner.safetensors");
            SafeTensorsWriter.Write(path, network.StateDict(), Tiny.ToMetadata());

            var loaded = CornerRefinerModel.Load(path);

            Assert.Equal(Tiny, loaded.Config);
            Assert.Equal(network.StateDict().Select(p => p.Tensor.Data), loaded.Network.StateDict().Select(p => p.Tensor.Data));

            var foreign = Path.Combine(directory, "landmarks.safetensors");
            SafeTensorsWriter.Write(foreign, network.StateDict(), new Dictionary<string, string> { ["network"] = "VertebraNet" });
            var error = Assert.Throws<ModelFormatException>(() => CornerRefinerModel.Load(foreign));
            Assert.Contains("not a CornerRefinerNet", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheCropNormalizationIsWrittenToModelFilesAndFilesWithoutOneStandardize()
    {
        var clahe = Tiny with { Normalization = InputNormalization.ClaheStandardize };
        Assert.NotEqual(Tiny, clahe);
        Assert.Equal(clahe, CornerRefinerConfig.FromMetadata(clahe.ToMetadata()));
        Assert.Contains("clahe", clahe.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("clahe", Tiny.Describe(), StringComparison.Ordinal);

        var older = Tiny.ToMetadata().Where(entry => entry.Key != "input_normalization").ToDictionary();
        Assert.Equal(InputNormalization.Standardize, CornerRefinerConfig.FromMetadata(older).Normalization);

        var unknown = new Dictionary<string, string>(Tiny.ToMetadata()) { ["input_normalization"] = "zscore" };
        var error = Assert.Throws<FormatException>(() => CornerRefinerConfig.FromMetadata(unknown));
        Assert.Contains("'zscore'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaheCropsSpreadTheFewGreyLevelsOfADarkRegionThatStandardisingAloneLeavesNarrow()
    {
        // Left half dark with faint texture (grey 0.10-0.14), right half bright: globally standardised, the texture stays
        // small against the bright half; equalised locally first, the dark tiles spread their few grey levels.
        var crop = new Image<float>(64, 64);
        var random = new Random(5);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                crop[x, y] = x >= 32 ? 0.9f : 0.10f + (0.04f * (float)random.NextDouble());
            }
        }

        double DarkSpread(InputNormalization normalization)
        {
            var normalized = new float[64 * 64];
            RefinerCrops.Normalize(crop, normalization, normalized);
            var dark = Enumerable.Range(0, 64).SelectMany(y => Enumerable.Range(0, 24).Select(x => (double)normalized[(y * 64) + x])).ToList();
            var mean = dark.Average();
            return Math.Sqrt(dark.Average(v => (v - mean) * (v - mean)));
        }

        var plain = DarkSpread(InputNormalization.Standardize);
        var equalized = DarkSpread(InputNormalization.ClaheStandardize);
        Assert.True(equalized > 1.5 * plain, $"the dark texture's spread is {plain:0.000} standardised and {equalized:0.000} after CLAHE");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheRefinerNormalizesItsCropsAsItsModelWasTrained(bool flip)
    {
        // The same weights read a film differently when their design says the crops were equalised, mirrored or not.
        var network = new CornerRefinerNet(Tiny, new Random(9));
        network.Eval();
        var film = new Image<float>(200, 200);
        var random = new Random(3);
        for (var i = 0; i < film.Pixels.Length; i++)
        {
            film.Pixels[i] = (float)(0.3 * random.NextDouble()) + (i % 200 > 100 ? 0.5f : 0f);
        }

        var landmarks = new LandmarkSet(new ImageSize(200, 200), [Vertebra.FromCorners(VertebraLevel.L1, [new(70, 80), new(130, 80), new(70, 120), new(130, 120)])]);
        var standardized = new CornerRefiner(CornerRefinerModel.FromNetwork(network)) { TestTimeFlip = flip }.Refine(film, landmarks).Vertebrae[0].CornerArray();
        var clahe = new CornerRefinerNet(Tiny with { Normalization = InputNormalization.ClaheStandardize }, new Random(0));
        clahe.LoadStateDict(network.StateDict().ToDictionary(p => p.Name, p => p.Tensor));
        clahe.Eval();
        var equalized = new CornerRefiner(CornerRefinerModel.FromNetwork(clahe)) { TestTimeFlip = flip }.Refine(film, landmarks).Vertebrae[0].CornerArray();

        Assert.Contains(Enumerable.Range(0, 4), k => Math.Abs(standardized[k].X - equalized[k].X) + Math.Abs(standardized[k].Y - equalized[k].Y) > 1e-3);
    }

    [Fact]
    public void TheHeadIsWrittenToModelFilesAndFilesWithoutOneAreHeatmapRefiners()
    {
        var regression = Tiny with { Head = CornerRefinerHead.Regression };
        Assert.NotEqual(Tiny, regression);
        Assert.Equal(regression, CornerRefinerConfig.FromMetadata(regression.ToMetadata()));
        Assert.Contains("regression", regression.Describe(), StringComparison.Ordinal);

        // The shipped file predates the head entry.
        var older = Tiny.ToMetadata().Where(entry => entry.Key != "head").ToDictionary();
        Assert.Equal(CornerRefinerHead.Heatmaps, CornerRefinerConfig.FromMetadata(older).Head);

        var unknown = new Dictionary<string, string>(Tiny.ToMetadata()) { ["head"] = "votes" };
        var error = Assert.Throws<FormatException>(() => CornerRefinerConfig.FromMetadata(unknown));
        Assert.Contains("votes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUntrainedRegressionHeadStartsAtTheCornersOfTheSquareTheFrameGivesTheVertebra()
    {
        // With the fully connected weights zeroed only the bias speaks: each corner sits half the vertebra's side
        // (the crop side over the context) from the centre, tl up-left, tr up-right, bl down-left, br down-right.
        var config = Tiny with { Head = CornerRefinerHead.Regression };
        var network = new CornerRefinerNet(config, new Random(2));
        Array.Clear(network.NamedParameters().Single(p => p.Name == "out.weight").Tensor.Data);
        network.Eval();

        var corners = network.Corners(new Tensor(new float[32 * 32], 1, 1, 32, 32)).Data;

        var half = 32 / (2 * config.Context);
        double[] expected = [16 - half, 16 - half, 16 + half, 16 - half, 16 - half, 16 + half, 16 + half, 16 + half];
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], corners[i], 3);
        }

        var error = Assert.Throws<ArgumentException>(() => network.Forward(new Tensor(new float[48 * 48], 1, 1, 48, 48)));
        Assert.Contains("32x32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRegressionHeadMapsEachCropToEightCoordinatesAndItsGradientReachesTheEncoder()
    {
        var network = new CornerRefinerNet(Tiny with { Head = CornerRefinerHead.Regression }, new Random(3));
        var random = new Random(5);
        var input = new Tensor([.. Enumerable.Range(0, 2 * 32 * 32).Select(_ => (float)random.NextDouble())], 2, 1, 32, 32);

        Assert.Equal(new[] { 2, 8 }, network.Forward(input).Shape);
        var corners = network.Corners(input);
        Assert.Equal(new[] { 2, 4, 2 }, corners.Shape);
        SpineKit.Neural.Functional.Mean(corners).Backward();

        var first = network.NamedParameters().First(p => p.Name.StartsWith("enc0.", StringComparison.Ordinal)).Tensor;
        Assert.NotNull(first.Grad);
        Assert.Contains(first.Grad!.Data, g => g != 0);
        Assert.DoesNotContain(network.NamedParameters(), p => p.Name.StartsWith("lat", StringComparison.Ordinal) || p.Name.StartsWith("dec", StringComparison.Ordinal));
    }
}
