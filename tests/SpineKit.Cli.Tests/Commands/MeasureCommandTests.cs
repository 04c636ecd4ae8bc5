using System.Globalization;
using System.Text.Json;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit measure --view lateral</c> on a hand-made lateral label set, in both label formats.</summary>
public sealed class MeasureCommandTests : IDisposable
{
    private static readonly (string Level, (double X, double Y)[] Corners)[] Lateral = HandMadeLateralSpine.Vertebrae;

    private static readonly double L1Top = HandMadeLateralSpine.L1Top;
    private static readonly double L5Bottom = HandMadeLateralSpine.L5Bottom;
    private static readonly double S1Top = HandMadeLateralSpine.S1Top;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-measure-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void AnalysisJson_PrintsTheHandComputedLordosisAndSacralSlope()
    {
        var (exitCode, output, error) = Run("measure", "--view", "lateral", WriteJson(Lateral));

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Equal(string.Empty, error);
        Assert.Contains("lateral.png (the patient faces the image right, from S1's upper endplate)", output, StringComparison.Ordinal);
        Assert.Contains(Line("lumbar lordosis L1-L5", L5Bottom - L1Top), output, StringComparison.Ordinal);
        Assert.Contains(Line("lumbar lordosis L1-S1", S1Top - L1Top), output, StringComparison.Ordinal);
        Assert.Contains(Line("sacral slope", S1Top), output, StringComparison.Ordinal);
        Assert.Contains("28.01 degrees", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingLabelFolderWithLevelsCsv_GivesTheSameAngles()
    {
        var root = WriteFolder(Lateral, withLevels: true);

        var (exitCode, output, error) = Run("measure", "--view", "lateral", root);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains(Line("lumbar lordosis L1-L5", L5Bottom - L1Top), output, StringComparison.Ordinal);
        Assert.Contains(Line("sacral slope", S1Top), output, StringComparison.Ordinal);

        // Told the patient faces left, the anterior ends swap and every inclination changes sign.
        var (_, left, _) = Run("measure", "--view", "lateral", "--facing", "left", root);
        Assert.Contains(Line("sacral slope", -S1Top), left, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLevels_AreNamedAndExitWithOne()
    {
        var withoutS1 = WriteJson(Lateral[..5]);

        var (exitCode, output, error) = Run("measure", "--view", "lateral", withoutS1);
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("not measured", output, StringComparison.Ordinal);
        Assert.Contains("say --facing right or --facing left", error, StringComparison.Ordinal);
        Assert.Contains("Labelled levels: L1, L2, L3, L4, L5", error, StringComparison.Ordinal);

        (exitCode, output, error) = Run("measure", "--view", "lateral", "--facing", "right", withoutS1);
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains(Line("lumbar lordosis L1-L5", L5Bottom - L1Top), output, StringComparison.Ordinal);
        Assert.Contains("  sacral slope: not measured", output, StringComparison.Ordinal);
        Assert.Contains("sacral slope needs S1's upper endplate", error, StringComparison.Ordinal);

        // The challenge layout without levels.csv is T1 downwards (as train landmarks reads it): no lumbar level at all.
        (exitCode, _, error) = Run("measure", "--view", "lateral", "--facing", "right", WriteFolder(Lateral, withLevels: false));
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("lordosis L1-L5 needs L1 and L5", error, StringComparison.Ordinal);
        Assert.Contains("labelled levels: T1, T2, T3, T4, T5, T6", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("measure", "--view", "ap", "x.json")]
    [InlineData("measure", "x.json")]
    [InlineData("measure", "--view", "lateral", "--facing", "up", "x.json")]
    public void UsageErrors_ExitWithTwo(params string[] args) => Assert.Equal(ExitCodes.UsageError, Run(args).ExitCode);

    [Fact]
    public void BadLabels_AreOneLineMessages()
    {
        var path = Path.Combine(_folder.FullName, "bad.json");
        File.WriteAllText(path, "{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":400,\"height\":900},\"vertebrae\":[{\"level\":\"L9\",\"corners\":{}}]}");
        var (exitCode, _, error) = Run("measure", "--view", "lateral", path);
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("must name a level from C1 to S1, not 'L9'", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    private static string Line(string name, double degrees) => string.Create(CultureInfo.InvariantCulture, $"  {name}: {degrees:0.00} degrees");

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string WriteJson((string Level, (double X, double Y)[] Corners)[] vertebrae)
    {
        var document = new
        {
            schema = "spinekit.analysis/1",
            image = new { file = "lateral.png", width = 400, height = 900, pixelSpacingMm = (object?)null },
            vertebrae = vertebrae.Select(v => new
            {
                level = v.Level,
                corners = new Dictionary<string, object>
                {
                    ["tl"] = new { x = v.Corners[0].X, y = v.Corners[0].Y },
                    ["tr"] = new { x = v.Corners[1].X, y = v.Corners[1].Y },
                    ["bl"] = new { x = v.Corners[2].X, y = v.Corners[2].Y },
                    ["br"] = new { x = v.Corners[3].X, y = v.Corners[3].Y },
                },
            }),
        };
        var path = Path.Combine(_folder.FullName, $"lateral-{vertebrae.Length}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }

    private string WriteFolder((string Level, (double X, double Y)[] Corners)[] vertebrae, bool withLevels)
    {
        var root = Path.Combine(_folder.FullName, withLevels ? "with-levels" : "without-levels");
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        Directory.CreateDirectory(Path.Combine(root, "images"));
        File.WriteAllBytes(Path.Combine(root, "images", "lateral.png"), SpineKit.Imaging.Formats.Png.PngEncoder.Encode(new SpineKit.Imaging.Image<byte>(400, 900)));
        var corners = vertebrae.SelectMany(v => v.Corners).ToArray();
        var numbers = corners.Select(c => c.X / 400).Concat(corners.Select(c => c.Y / 900)).Select(v => v.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(root, "labels", "filenames.csv"), "lateral.png\n");
        File.WriteAllText(Path.Combine(root, "labels", "landmarks.csv"), string.Join(",", numbers) + "\n");
        if (withLevels)
        {
            File.WriteAllText(Path.Combine(root, "labels", "levels.csv"), string.Join(",", vertebrae.Select(v => v.Level)) + "\n");
        }

        return root;
    }
}
