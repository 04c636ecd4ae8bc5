using System.Globalization;
using System.Text.Json;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

public sealed class AnatomyCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-anatomy-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The commands read only the image's size, so a blank PNG of that size stands in for a radiograph.</summary>
    private static void WritePngHeader(string path, int width, int height) =>
        File.WriteAllBytes(path, SpineKit.Imaging.Formats.Png.PngEncoder.Encode(new SpineKit.Imaging.Image<byte>(width, height)));

    /// <summary>A two-vertebra dataset: the lower vertebra is tilted 30 degrees, the upper one level.</summary>
    private string MakeDataset(string name, double tilt)
    {
        var root = Path.Combine(_folder.FullName, name);
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        Directory.CreateDirectory(Path.Combine(root, "images"));
        WritePngHeader(Path.Combine(root, "images", "a.png"), 100, 400);

        // Pixel corners tl, tr, bl, br of each vertebra; the second is rotated about its centre (50, 150).
        var radians = tilt * Math.PI / 180;
        (double X, double Y) Turn(double dx, double dy) => (50 + (dx * Math.Cos(radians)) + (dy * Math.Sin(radians)), 150 - (dx * Math.Sin(radians)) + (dy * Math.Cos(radians)));
        (double X, double Y)[] corners = [(30, 40), (70, 40), (30, 70), (70, 70), Turn(-20, -15), Turn(20, -15), Turn(-20, 15), Turn(20, 15)];
        var numbers = corners.Select(c => c.X / 100).Concat(corners.Select(c => c.Y / 400)).Select(v => v.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(root, "labels", "filenames.csv"), "a.png\n");
        File.WriteAllText(Path.Combine(root, "labels", "landmarks.csv"), string.Join(",", numbers) + "\n");
        return root;
    }

    [Fact]
    public void AnglesWritesTheChallengeTriple()
    {
        var data = MakeDataset("d", 30);
        var outFolder = Path.Combine(_folder.FullName, "out");

        var (exitCode, output, error) = Run("angles", "--data", data, "--out", outFolder);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("wrote 1 angle triples", output);
        var angles = File.ReadAllText(Path.Combine(outFolder, "angles.csv")).Trim().Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        // Two vertebrae: U = first, L = second, not S-shaped, so 30, angle(T1, U) = 0 and angle(last, L) = 0.
        Assert.Equal(30, angles[0], 1e-3);
        Assert.Equal(0, angles[1], 1e-3);
        Assert.Equal(0, angles[2], 1e-3);
    }

    [Fact]
    public void ScoreComparesTwoLabelSets()
    {
        var truth = MakeDataset("truth", 30);
        var predicted = MakeDataset("pred", 20);
        File.WriteAllText(Path.Combine(truth, "labels", "angles.csv"), "30,0,0\n");

        var (exitCode, output, _) = Run("score", "--pred", Path.Combine(predicted, "labels"), "--truth", truth, "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        JsonKeyStyle.AssertCamelCase(root);
        Assert.Equal(1, root.GetProperty("images").GetInt32());

        // Predicted 20 (computed from its landmarks) against 30: SMAPE = 10 / 50.
        Assert.Equal(20, root.GetProperty("smapePercent").GetDouble(), 1e-2);
        Assert.True(root.GetProperty("meanRadialErrorPixels").GetDouble() > 0);
        Assert.Equal(20, root.GetProperty("pck").GetArrayLength());

        var (tableExit, table, _) = Run("score", "--pred", predicted, "--truth", truth);
        Assert.Equal(ExitCodes.Success, tableExit);
        Assert.Contains("SMAPE (%)", table);
        Assert.Contains("20.0", table);
    }

    [Fact]
    public void MalformedLabelsGiveOneLineAndExitOne()
    {
        var data = MakeDataset("bad", 0);
        File.WriteAllText(Path.Combine(data, "labels", "landmarks.csv"), "0.1,oops\n");

        var (exitCode, output, error) = Run("angles", "--data", data, "--out", Path.Combine(_folder.FullName, "o"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("line 1, column 2", error);
        Assert.StartsWith("spinekit: ", error);
    }

    [Fact]
    public void EveryLayersFormatExceptionIsAOneLineMessage()
    {
        Assert.True(UserFacingError.TryDescribe(new Anatomy.Labels.LabelFormatException("x.csv", "bad", 3, 4), out var label));
        Assert.Equal("x.csv at line 3, column 4: bad", label);
        Assert.True(UserFacingError.TryDescribe(new Imaging.ImageFormatException("JPEG", "truncated", 10), out var image));
        Assert.Contains("truncated", image);
    }

    [Fact]
    public void MissingImageFolderIsAProcessingError()
    {
        var data = MakeDataset("noimages", 0);
        Directory.Delete(Path.Combine(data, "images"), recursive: true);

        var (exitCode, _, error) = Run("angles", "--data", data, "--out", Path.Combine(_folder.FullName, "o"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("images", error);
    }

    [Fact]
    public void MissingRequiredOptionIsAUsageError()
    {
        Assert.Equal(ExitCodes.UsageError, Run("score", "--pred", _folder.FullName).ExitCode);
    }

    [Fact]
    [Trait("Category", SharedData.Category)]
    public void AnglesReproducesTheTrainingSet()
    {
        var outFolder = Path.Combine(_folder.FullName, "train");

        var (exitCode, output, _) = Run("angles", "--data", SharedData.PathOf("datasets/aasce-train"), "--out", outFolder);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(481, File.ReadAllLines(Path.Combine(outFolder, "angles.csv")).Length);
        var deviation = double.Parse(output.Split("angles.csv: ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(deviation <= 0.02, output);
    }
}
