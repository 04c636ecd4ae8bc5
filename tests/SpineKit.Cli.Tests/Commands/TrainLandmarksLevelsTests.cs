using System.Globalization;

namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit train landmarks</c> on labels whose levels.csv names a lateral set: one clear message, exit 1, nothing trained.</summary>
public sealed class TrainLandmarksLevelsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-train-levels-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void LateralLevels_AreRefusedWithWhatALateralModelNeeds()
    {
        var root = Path.Combine(_folder.FullName, "data");
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        Directory.CreateDirectory(Path.Combine(root, "images"));
        File.WriteAllBytes(Path.Combine(root, "images", "lateral.png"), SpineKit.Imaging.Formats.Png.PngEncoder.Encode(new SpineKit.Imaging.Image<byte>(64, 128)));
        var numbers = Enumerable.Range(0, 48).Select(i => (0.05 + (i % 24 * 0.035)).ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(root, "labels", "filenames.csv"), "lateral.png\n");
        File.WriteAllText(Path.Combine(root, "labels", "landmarks.csv"), string.Join(",", numbers) + "\n");
        File.WriteAllText(Path.Combine(root, "labels", "levels.csv"), "L1,L2,L3,L4,L5,S1\n");
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = SpineKitApp.Run(["train", "landmarks", "--data", root, "--out", Path.Combine(_folder.FullName, "out"), "--epochs", "1"], output, error);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("lateral.png is labelled L1,L2,L3,L4,L5,S1", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("A lateral model (C2 to S1) needs its own level range", error.ToString(), StringComparison.Ordinal);
        var outFolder = Path.Combine(_folder.FullName, "out");
        Assert.Empty(Directory.Exists(outFolder) ? Directory.GetFiles(outFolder, "*.safetensors") : []);
    }
}
