using System.Globalization;
using System.Text.RegularExpressions;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>
/// The shipped fold models on the bundled sample, found without --models. The landmark model is an
/// independent second opinion: its corner quadrilaterals, filled, must largely agree with the mask.
/// </summary>
public sealed partial class ShippedSegmentationModelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-shipped-seg-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheShippedFoldsAreOneEnsembleUnderTheSizeLimit()
    {
        var files = Directory.GetFiles(RepositoryFiles.SegmentationModels, "*.safetensors");
        var ensemble = SegmentationEnsemble.Load(RepositoryFiles.SegmentationModels);

        Assert.Equal(files.Length, ensemble.Models.Count);
        Assert.Empty(ensemble.Skipped);
        Assert.True(files.Sum(f => new FileInfo(f).Length) < 40L * 1024 * 1024, "the issue caps the shipped fold models at 40 MB");
        Assert.Equal(ensemble.Models.Count, ensemble.Models.Select(m => m.Metadata["fold"]).Distinct().Count());
    }

    [Fact]
    public void SegmentsTheBundledSampleInAgreementWithTheLandmarkModel()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // The vote's own mask (no guide): the landmark quadrilaterals are then an independent check of it.
        var exitCode = SpineKitApp.Run(["segment", RepositoryFiles.Sample, "--out", _folder.FullName, "--overlay", "--guide", "none"], output, error);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        var mask = ImageReader.Read(Path.Combine(_folder.FullName, "ap-radiograph.mask.png")).RenderDisplay();
        Assert.All(mask.Pixels, p => Assert.True(p is 0 or 255));
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "ap-radiograph.overlay.png")));
        var bodies = BodiesLine().Match(output.ToString());
        Assert.True(bodies.Success, output.ToString());
        Assert.InRange(int.Parse(bodies.Groups["levelled"].Value, CultureInfo.InvariantCulture), 14, 17);

        var grey = ImageReader.Read(RepositoryFiles.Sample).ToGrayscale();
        // The landmarks segment names its bodies with: the shipped stages as analyze loads them (locator, level
        // classifier, corner model, refiner).
        var detector = DetectorLoader.Create(explicitModel: null, locator: null);
        var landmarks = detector.Detect(grey).Landmarks;
        var fromLandmarks = SegmentationMasks.BodyMask(SegmentationMasks.Render(landmarks));
        var dice = SegmentationMetrics.Dice(mask.Pixels, fromLandmarks.Pixels);
        Assert.True(dice > 0.75, $"segmentation and landmark quadrilaterals agree only at Dice {dice:0.000}");
        var printed = AgreementLine().Match(output.ToString());
        Assert.True(printed.Success, output.ToString());
        Assert.Equal(dice, double.Parse(printed.Groups["dice"].Value, CultureInfo.InvariantCulture), 2);
    }

    [Fact]
    public void TheDefaultGuideWritesTheLevelLabelsBesideTheMask()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = SpineKitApp.Run(["segment", RepositoryFiles.Sample, "--out", _folder.FullName], output, error);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        Assert.DoesNotContain("whole-film mask", output.ToString(), StringComparison.Ordinal);
        var mask = Assert.IsType<Image<byte>>(ImageReader.Read(Path.Combine(_folder.FullName, "ap-radiograph.mask.png")).Pixels);
        var levels = Assert.IsType<Image<ushort>>(ImageReader.Read(Path.Combine(_folder.FullName, "ap-radiograph.levels.png")).Pixels);
        Assert.Equal((mask.Width, mask.Height, 16), (levels.Width, levels.Height, levels.BitDepth));

        // Every body pixel has a label and only body pixels have one; the labels are levels T1..L5 (8..25).
        Assert.All(Enumerable.Range(0, mask.Pixels.Length), i => Assert.Equal(mask.Pixels[i] != 0, levels.Pixels[i] != 0));
        var named = levels.Pixels.Where(p => p != 0).Distinct().Order().ToList();
        Assert.All(named, p => Assert.InRange(p, (ushort)VertebraLevel.T1, (ushort)VertebraLevel.L5));
        Assert.InRange(named.Count, 14, 17);
    }

    [Fact]
    public void WithoutTheGuideAndOverlayNoLandmarkStageRuns()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = SpineKitApp.Run(["segment", RepositoryFiles.Sample, "--out", _folder.FullName, "--guide", "none"], output, error);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "ap-radiograph.mask.png")));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "ap-radiograph.levels.png")));
        Assert.Contains("whole-film masks", output.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<bodies>\d+) bodies \((?<levelled>\d+) with a level\)")]
    private static partial Regex BodiesLine();

    [GeneratedRegex(@"agreement with the landmarks Dice (?<dice>[0-9.]+)")]
    private static partial Regex AgreementLine();
}
