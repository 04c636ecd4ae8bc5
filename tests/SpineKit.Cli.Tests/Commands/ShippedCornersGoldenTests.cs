using SpineKit.Cli.Tests.Golden;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>
/// The bundled sample's corners from the shipped models on the default <c>analyze</c> path (corner model and
/// locator), pinned to a golden file: any change to the models, the decoder or the kernels that moves a corner
/// by more than a twentieth of a pixel fails here with the worst corners listed. When a model changes on
/// purpose, rewrite the file with <c>SPINEKIT_UPDATE_GOLDEN=1</c> (README, tests section) and review its diff.
/// </summary>
public sealed class ShippedCornersGoldenTests
{
    private const double TolerancePixels = 0.05;

    private static string GoldenFile => Path.Combine(RepositoryFiles.Root, "tests", "SpineKit.Cli.Tests", "Golden", "ap-radiograph.corners.csv");

    [Fact]
    public void SampleCornersMatchTheGoldenFile()
    {
        // The same calls analyze makes for one film: default detector (locator included), spacing from the file.
        var detector = DetectorLoader.Create(explicitModel: null, locator: null);
        var image = ImageReader.Read(RepositoryFiles.Sample);
        var prediction = detector.Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: Path.GetFileName(RepositoryFiles.Sample));
        var corners = GoldenCorners.Of(prediction.Landmarks);

        if (GoldenCorners.UpdateRequested)
        {
            GoldenCorners.Write(GoldenFile, corners);
            return;
        }

        Assert.True(File.Exists(GoldenFile), $"{GoldenFile} is missing; create it with {GoldenCorners.UpdateVariable}=1");
        var golden = GoldenCorners.Read(GoldenFile);
        var difference = GoldenCorners.Difference(golden, corners, TolerancePixels);
        Assert.True(difference is null, $"The sample's corners no longer match {GoldenFile}:\n{difference}If the change is deliberate, rerun with {GoldenCorners.UpdateVariable}=1 and review the file's diff.");

        // T1-L5 with four corners each: a golden file written from a partial result would pin the wrong thing.
        Assert.Equal(68, golden.Count);
    }

    [Fact]
    public void TheSampleNamedALevelOffSaysCheckTheLevelLabels()
    {
        // The sample's chain is named one level off (README): its T1 is inferred, so its own crop does not support the
        // name, and on this whole-film framing that puts the labels in doubt (LevelNamingResult.EndsInDoubt).
        var detector = DetectorLoader.Create(explicitModel: null, locator: null);
        var image = ImageReader.Read(RepositoryFiles.Sample);
        var prediction = detector.Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: Path.GetFileName(RepositoryFiles.Sample));

        var t1 = Assert.Single(prediction.Landmarks.Vertebrae, v => v.Level == Anatomy.VertebraLevel.T1);
        Assert.Equal(0, t1.Confidence);
        Assert.False(prediction.LevelConfidence!.ContainsKey(Anatomy.VertebraLevel.T1));
        Assert.True(prediction.LabelsInDoubt);
    }
}
