using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Refinement;

public sealed class RefinerTrainerTests : IDisposable
{
    private static readonly CornerRefinerConfig Tiny = new(32, 1.7, [4, 4, 8, 8], 8);

    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-refiner-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static LandmarkDetector UntrainedDetector() =>
        new(LandmarkModel.FromNetwork(new VertebraNet(new VertebraNetConfig(SyntheticSpines.Width, SyntheticSpines.Height, [4, 4, 8, 8, 8], 8, 4), new Random(1)), VertebraLevel.T1, SyntheticSpines.Vertebrae));

    [Theory]
    [InlineData(InputNormalization.Standardize)]
    [InlineData(InputNormalization.ClaheStandardize)]
    public void TrainingCropsShowTheBodyWhereTheirCornersSayMirroredOrNot(InputNormalization normalization)
    {
        // A bright tilted body on a dark film; the crop is jittered, maybe mirrored, varied in contrast and normalised.
        var film = new Image<float>(300, 400);
        Array.Fill(film.Pixels, 0.2f);
        var turn = 12 * Math.PI / 180;
        Point2 Turned(double x, double y) => new(150 + (x * Math.Cos(turn)) - (y * Math.Sin(turn)), 200 + (x * Math.Sin(turn)) + (y * Math.Cos(turn)));
        for (var y = 0; y < film.Height; y++)
        {
            for (var x = 0; x < film.Width; x++)
            {
                double dx = x + 0.5 - 150, dy = y + 0.5 - 200;
                double u = (dx * Math.Cos(turn)) + (dy * Math.Sin(turn)), v = (-dx * Math.Sin(turn)) + (dy * Math.Cos(turn));
                if (Math.Abs(u) < 40 && Math.Abs(v) < 25)
                {
                    film[x, y] = 0.9f;
                }
            }
        }

        var vertebra = Vertebra.FromCorners(VertebraLevel.T5, [Turned(-40, -25), Turned(40, -25), Turned(-40, 25), Turned(40, 25)]);
        var example = new TrainingExample("film", film, [], new LandmarkSet(new ImageSize(300, 400), [vertebra]), default(AngleTriple));
        var options = new RefinerTrainingOptions { DatasetDirectory = "-", OutputDirectory = "-", Detector = UntrainedDetector(), Network = CornerRefinerConfig.Default with { Normalization = normalization } };
        var errors = FrameErrorSample.Of([new FrameError(0.04, -0.03, 0.08, 0.06)]);
        var size = CornerRefinerConfig.Default.CropSize;
        var crop = new float[size * size];

        for (var seed = 0; seed < 8; seed++)
        {
            var corners = RefinerTrainer.BuildCrop(example, vertebra, errors, options, 0.2f, new Random(seed), crop);

            Assert.True(corners[0].X < corners[1].X && corners[2].X < corners[3].X, "left corners stay left, mirrored or not");
            Assert.True(corners[0].Y < corners[2].Y && corners[1].Y < corners[3].Y, "upper corners stay above");
            var centre = (corners[0] + corners[1] + corners[2] + corners[3]) / 4;
            foreach (var corner in corners)
            {
                var outward = Vector2.Normalize(corner - centre);
                Assert.True(Pixel(crop, size, corner - (outward * 4)) > Pixel(crop, size, corner + (outward * 4)),
                    $"seed {seed}: inside the corner {corner} the body is brighter than outside it");
            }
        }
    }

    [Fact]
    public void TrainingCropsAreNormalisedAsTheDesignSays()
    {
        // The same seed draws the same frame and intensity variation; only the normalisation differs, and with CLAHE
        // the crop must be the CLAHE crop, not the standardised one.
        var film = new Image<float>(200, 200);
        var random = new Random(4);
        for (var i = 0; i < film.Pixels.Length; i++)
        {
            film.Pixels[i] = (float)(0.2 + (0.1 * random.NextDouble()) + (i % 200 > 100 ? 0.4 : 0));
        }

        var vertebra = Vertebra.FromCorners(VertebraLevel.L1, [new(70, 80), new(130, 80), new(70, 120), new(130, 120)]);
        var example = new TrainingExample("film", film, [], new LandmarkSet(new ImageSize(200, 200), [vertebra]), default(AngleTriple));
        var errors = FrameErrorSample.Of([new FrameError(0.02, 0.01, 0.05, 0.03)]);
        float[] Crop(InputNormalization normalization)
        {
            var options = new RefinerTrainingOptions { DatasetDirectory = "-", OutputDirectory = "-", Detector = UntrainedDetector(), Network = CornerRefinerConfig.Default with { Normalization = normalization } };
            var crop = new float[CornerRefinerConfig.Default.CropSize * CornerRefinerConfig.Default.CropSize];
            RefinerTrainer.BuildCrop(example, vertebra, errors, options, 0.3f, new Random(7), crop);
            return crop;
        }

        Assert.NotEqual(Crop(InputNormalization.Standardize), Crop(InputNormalization.ClaheStandardize));
        Assert.Equal(Crop(InputNormalization.ClaheStandardize), Crop(InputNormalization.ClaheStandardize));
    }

    [Fact]
    public void TrainsThroughTheOneLoopAndWritesALoadableModelTheSameForTheSameSeed()
    {
        var data = SyntheticSpines.Create(Path.Combine(_root, "data"), images: 6);
        RefinerTrainingOptions Options(string name) => new()
        {
            DatasetDirectory = data,
            OutputDirectory = Path.Combine(_root, name),
            Detector = UntrainedDetector(),
            Network = Tiny,
            Epochs = 2,
            BatchSize = 4,
            ValidationFraction = 0.34,
            CommandLine = "test",
        };
        var log = new List<string>();

        new RefinerTrainer(Options("a"), log.Add).Run();
        new RefinerTrainer(Options("b")).Run();

        var model = CornerRefinerModel.Load(Path.Combine(_root, "a", RefinerTrainer.ModelFile));
        Assert.Equal(Tiny, model.Config);
        Assert.Equal("test", model.Metadata["training_command"]);
        Assert.True(File.Exists(Path.Combine(_root, "a", RefinerTrainer.FrameErrorsFile)));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_root, "a", TrainingLoop.HistoryFile)).Length);
        Assert.Contains(log, line => line.Contains("first stages alone on the validation films", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", RefinerTrainer.ModelFile)), File.ReadAllBytes(Path.Combine(_root, "b", RefinerTrainer.ModelFile)));
    }

    [Fact]
    public void AMalformedFrameErrorFileIsRefusedWithItsName()
    {
        var path = Path.Combine(_root, RefinerTrainer.FrameErrorsFile);
        FrameErrorSample.Of([new FrameError(0.1, -0.2, 0.05, 0.01)]).Save(path);
        Assert.Equal(new FrameError(0.1, -0.2, 0.05, 0.01), Assert.Single(FrameErrorSample.Load(path).Errors));

        File.AppendAllText(path, "0.1,oops,0,0\n");
        var error = Assert.Throws<InvalidDataException>(() => FrameErrorSample.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static float Pixel(float[] crop, int size, Vector2 at)
    {
        int x = Math.Clamp((int)at.X, 0, size - 1), y = Math.Clamp((int)at.Y, 0, size - 1);
        return crop[(y * size) + x];
    }
}
