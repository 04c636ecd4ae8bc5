using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Neural.Persistence;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-analyze-");

    public AnalyzeCommandTests()
    {
        // An untrained network: its answers are arbitrary, but the pipeline around it must still hold.
        var config = new VertebraNetConfig(64, 128, [4, 4, 8, 8, 8], 8, 4);
        var metadata = new Dictionary<string, string>(config.ToMetadata());
        foreach (var (key, value) in LandmarkModel.LevelMetadata(VertebraLevel.T1, 17))
        {
            metadata[key] = value;
        }

        ModelPath = Path.Combine(_folder.FullName, "model.safetensors");
        ModuleWeights.Save(new VertebraNet(config, new Random(3)), ModelPath, metadata);
        Images = Directory.CreateDirectory(Path.Combine(_folder.FullName, "images")).FullName;
        for (var i = 0; i < 3; i++)
        {
            WriteRadiograph(Path.Combine(Images, $"spine-{i}.png"), 140 + (10 * i), 300, i); // at least SpineFilmGate.MinimumSide wide
        }
    }

    private string ModelPath { get; }

    private string Images { get; }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void WritesJsonOverlayAndChallengeCsvForEveryImage()
    {
        var output = Path.Combine(_folder.FullName, "out");
        var csv = Path.Combine(_folder.FullName, "csv");

        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--overlay", "--aasce-csv", csv);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("3 analysed, 0 failed", stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spine-1.json")));
        var root = json.RootElement;
        Assert.Equal("spinekit.analysis/1", root.GetProperty("schema").GetString());
        Assert.Equal(150, root.GetProperty("image").GetProperty("width").GetInt32());
        var vertebrae = root.GetProperty("vertebrae").EnumerateArray().ToList();
        Assert.Equal(VertebraLevels.ChallengeLevels.Select(VertebraLevels.Name), vertebrae.Select(v => v.GetProperty("level").GetString()));
        Assert.All(vertebrae, v => Assert.Equal(4, v.GetProperty("corners").EnumerateObject().Count()));
        Assert.True(root.GetProperty("challengeAngles").GetProperty("first").GetDouble() >= 0);
        Assert.True(root.TryGetProperty("clinical", out _));

        var overlay = ImageReader.Read(Path.Combine(output, "spine-1.overlay.png"));
        Assert.Equal((150, 300, 3), (overlay.Pixels.Width, overlay.Pixels.Height, overlay.Pixels.Channels));
        Assert.Equal(["spine-0.png", "spine-1.png", "spine-2.png"], File.ReadAllLines(Path.Combine(csv, "filenames.csv")));
        Assert.All(File.ReadAllLines(Path.Combine(csv, "landmarks.csv")), row => Assert.Equal(136, row.Split(',').Length));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(csv, "angles.csv")).Length);
    }

    [Fact]
    public void ACorruptFileIsReportedAndTheBatchGoesOn()
    {
        var corrupt = Path.Combine(_folder.FullName, "broken.png");
        var bytes = File.ReadAllBytes(Path.Combine(Images, "spine-0.png"));
        File.WriteAllBytes(corrupt, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("analyze", corrupt, Path.Combine(Images, "spine-2.png"), "--model", ModelPath, "--out", output);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("1 analysed, 1 failed", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("broken.png", stderr);
        Assert.True(File.Exists(Path.Combine(output, "spine-2.json")));
    }

    [Fact]
    public void AJpegCutInHalfIsRefusedNotMeasured()
    {
        // The bundled radiograph lost its lower half: decoding it would give a film whose lumbar spine is grey filler.
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var cut = Path.Combine(_folder.FullName, "half.jpg");
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("analyze", cut, Path.Combine(Images, "spine-1.png"), "--model", ModelPath, "--out", output);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("1 analysed, 1 failed", stdout);
        Assert.Contains("half.jpg", stderr);
        Assert.Contains("truncated", stderr);
        Assert.False(File.Exists(Path.Combine(output, "half.json")));
    }

    [Fact]
    public void NonImagesFoundInFoldersAreSkippedNotFailed()
    {
        File.WriteAllText(Path.Combine(Images, "notes.txt"), "not a radiograph");

        var (exitCode, stdout, _) = Run("analyze", Images, "--model", ModelPath, "--out", Path.Combine(_folder.FullName, "out"));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("3 analysed, 0 failed, 1 skipped", stdout);
    }

    [Fact]
    public void AFolderOfGoodFilesMixedWithHostileOnesProcessesEveryGoodFile()
    {
        var good = File.ReadAllBytes(Path.Combine(Images, "spine-0.png"));
        File.WriteAllBytes(Path.Combine(Images, "truncated.png"), good.AsSpan(0, good.Length / 2).ToArray());
        File.WriteAllBytes(Path.Combine(Images, "empty.dcm"), []);
        File.CreateSymbolicLink(Path.Combine(Images, "zero.dcm"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(Images, "loop"), Images);
        File.WriteAllBytes(Path.Combine(Images, "=HYPERLINK(1).png"), good);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(Images, "pipe.jpg")]))
        {
            mkfifo.WaitForExit();
        }

        // A 16000x16000 header on a few hundred bytes: refused from the header, nothing allocated for it.
        var bomb = PngEncoder.Encode(new Image<byte>(4, 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(16), 16000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(20), 16000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(29), PngCrc(bomb.AsSpan(12, 17)));
        File.WriteAllBytes(Path.Combine(Images, "bomb.png"), bomb);
        var output = Path.Combine(Images, "results");
        var csv = Path.Combine(_folder.FullName, "csv");

        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--aasce-csv", csv);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("4 analysed, 5 failed (bomb.png, empty.dcm, pipe.jpg, truncated.png, zero.dcm)", stdout);
        Assert.Contains("bomb.png: PNG: the header declares 16000x16000 pixels", stderr);
        Assert.Contains("loop: not read again", stderr);
        Assert.Equal(["'=HYPERLINK(1).png", "spine-0.png", "spine-1.png", "spine-2.png"], File.ReadAllLines(Path.Combine(csv, "filenames.csv")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(csv, "angles.csv")).Length);

        // A rerun into the same output folder, which lies inside the inputs, does not read the results as films.
        var (_, again, notes) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--overwrite");
        Assert.Contains("4 analysed, 5 failed", again);
        Assert.Contains("results: not read, it is the output folder", notes);
    }

    [Theory]
    [InlineData("analyze", "--modle", "--model")]
    [InlineData("segment", "--model", "--models")]
    [InlineData("analyze", "--frobnicate", null)]
    public void AMistypedOptionIsAUsageErrorWithASuggestion(string command, string typed, string? meant)
    {
        var (exitCode, _, stderr) = Run(command, Path.Combine(Images, "spine-0.png"), typed, ModelPath);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"unrecognized option '{typed}'", stderr, StringComparison.Ordinal);
        if (meant is not null)
        {
            Assert.Contains($"did you mean {meant}?", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnOutputFolderThatCannotBeWrittenFailsBeforeTheFirstFilm()
    {
        var blocker = Path.Combine(_folder.FullName, "a-file");
        File.WriteAllText(blocker, "x");

        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", Path.Combine(blocker, "out"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("--out", stderr);
        Assert.DoesNotContain("spine-0", stdout);
    }

    [Fact]
    public void TheJsonNamesTheModelAndTheImageByHash()
    {
        var output = Path.Combine(_folder.FullName, "out");
        Run("analyze", Path.Combine(Images, "spine-1.png"), "--model", ModelPath, "--out", output);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "spine-1.json")));
        var provenance = json.RootElement.GetProperty("provenance");
        var model = Assert.Single(provenance.GetProperty("models").EnumerateArray());
        Assert.Equal("model.safetensors", model.GetProperty("file").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ModelPath))), model.GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("trainedOn").ValueKind); // the test model records no training day
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Images, "spine-1.png")))), provenance.GetProperty("imageSha256").GetString());
        Assert.EndsWith("Z", provenance.GetProperty("analyzedAt").GetString(), StringComparison.Ordinal);
        Assert.Contains("Research use only", provenance.GetProperty("notice").GetString(), StringComparison.Ordinal);

        // The overlay carries the same in PNG text chunks, and still decodes (their CRCs are right).
        Run("analyze", Path.Combine(Images, "spine-1.png"), "--model", ModelPath, "--out", output, "--overlay", "--overwrite");
        var png = File.ReadAllBytes(Path.Combine(output, "spine-1.overlay.png"));
        var text = System.Text.Encoding.Latin1.GetString(png);
        Assert.Contains("tEXtSoftware\0SpineKit ", text, StringComparison.Ordinal);
        Assert.Contains($"corners model model.safetensors sha256 {model.GetProperty("sha256").GetString()}", text, StringComparison.Ordinal);
        Assert.NotNull(ImageReader.Read(png));
    }

    [Fact]
    public void AResultOfAnEarlierRunIsReplacedOnlyWithOverwrite()
    {
        var output = Path.Combine(_folder.FullName, "out");
        Assert.Equal(ExitCodes.Success, Run("analyze", Images, "--model", ModelPath, "--out", output, "--overlay").ExitCode);
        var earlier = Path.Combine(output, "spine-0.json");
        File.WriteAllText(earlier, "kept");
        File.Delete(Path.Combine(output, "spine-1.json"));
        File.Delete(Path.Combine(output, "spine-1.overlay.png"));
        File.Delete(Path.Combine(output, "spine-2.json"));

        // spine-0 has both outputs, spine-2 its overlay alone: each is an error for that film; spine-1 is analysed.
        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--overlay");

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("1 analysed, 2 failed (spine-0.png, spine-2.png)", stdout);
        Assert.Contains($"spinekit: spine-0.png: {Path.Combine(output, "spine-0.json")} already exists", stderr);
        Assert.Contains($"spinekit: spine-2.png: {Path.Combine(output, "spine-2.overlay.png")} already exists", stderr);
        Assert.Contains("pass --overwrite to replace it", stderr);
        Assert.Equal("kept", File.ReadAllText(earlier));
        Assert.False(File.Exists(Path.Combine(output, "spine-2.json")), "a film refused for one existing output writes none of its others");
        Assert.Empty(Directory.GetFiles(output, ".*"));

        var (again, _, _) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--overlay", "--overwrite");

        Assert.Equal(ExitCodes.Success, again);
        using var replaced = JsonDocument.Parse(File.ReadAllText(earlier));
        Assert.Equal("spinekit.analysis/1", replaced.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public void ExistingChallengeCsvsStopTheBatchBeforeTheFirstFilm()
    {
        var csv = Directory.CreateDirectory(Path.Combine(_folder.FullName, "csv")).FullName;
        File.WriteAllText(Path.Combine(csv, "angles.csv"), "1,2,3\n");
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--aasce-csv", csv);

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("angles.csv already exists", stderr);
        Assert.DoesNotContain("spine-0", stdout);
        Assert.Equal("1,2,3\n", File.ReadAllText(Path.Combine(csv, "angles.csv")));
        Assert.Equal(ExitCodes.Success, Run("analyze", Images, "--model", ModelPath, "--out", output, "--aasce-csv", csv, "--overwrite").ExitCode);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(csv, "angles.csv")).Length);
    }

    [Fact]
    public void JsonPrintsOneDocumentWithEveryResultAndFailure()
    {
        var corrupt = Path.Combine(_folder.FullName, "broken.png");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(Path.Combine(Images, "spine-0.png"))[..40]);
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, stdout, stderr) = Run("analyze", corrupt, Path.Combine(Images, "spine-1.png"), Path.Combine(Images, "spine-2.png"), "--model", ModelPath, "--out", output, "--overlay", "--json");

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.StartsWith("spinekit: broken.png: ", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout); // the whole output stream is the one document
        var root = json.RootElement;
        Assert.Equal("spinekit.analyze-run/1", root.GetProperty("schema").GetString());
        JsonKeyStyle.AssertCamelCase(root);
        Assert.Equal((2, 1, 0, ExitCodes.ProcessingError), (root.GetProperty("processed").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("skipped").GetInt32(), root.GetProperty("exitCode").GetInt32()));
        var failure = Assert.Single(root.GetProperty("failures").EnumerateArray());
        Assert.Equal("broken.png", failure.GetProperty("input").GetString());
        Assert.StartsWith("PNG: ", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["spine-1.png", "spine-2.png"], results.Select(r => r.GetProperty("input").GetString()));
        Assert.Equal("model.safetensors", Assert.Single(root.GetProperty("models").EnumerateArray()).GetProperty("file").GetString());
        foreach (var result in results)
        {
            // The embedded analysis is the file that was written, key for key.
            var written = JsonDocument.Parse(File.ReadAllText(result.GetProperty("json").GetString()!)).RootElement;
            Assert.Equal(JsonSerializer.Serialize(written), JsonSerializer.Serialize(result.GetProperty("analysis")));
            Assert.True(File.Exists(result.GetProperty("overlay").GetString()));
        }
    }

    [Fact]
    public void ShardsSplitTheSortedInputsWithoutOverlap()
    {
        var seen = new List<string>();
        for (var shard = 0; shard < 2; shard++)
        {
            var output = Path.Combine(_folder.FullName, $"shard-{shard}");
            var (exitCode, _, _) = Run("analyze", Images, "--model", ModelPath, "--out", output, "--shard", $"{shard}/2");
            Assert.Equal(ExitCodes.Success, exitCode);
            seen.AddRange(Directory.GetFiles(output, "*.json").Select(Path.GetFileName)!);
        }

        Assert.Equal(["spine-0.json", "spine-1.json", "spine-2.json"], seen.Order());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "shard-1", "spine-1.json")));
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("x")]
    [InlineData("1/0")]
    public void ABadShardIsAUsageError(string shard)
    {
        var (exitCode, _, stderr) = Run("analyze", Images, "--model", ModelPath, "--shard", shard);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--shard", stderr);
    }

    [Fact]
    public void AMissingModelIsAOneLineError()
    {
        var (exitCode, _, stderr) = Run("analyze", Images, "--model", Path.Combine(_folder.FullName, "none.safetensors"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("model file not found", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static uint PngCrc(ReadOnlySpan<byte> data)
    {
        // The CRC-32 of PNG (ISO 3309), bit by bit: a test needs one checksum, not speed.
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteRadiograph(string path, int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var spine = Math.Abs(x - (width / 2)) < 15 && (y / 15) % 2 == 0 ? 150 : 0;
                image[x, y] = (byte)(40 + spine + random.Next(30));
            }
        }

        File.WriteAllBytes(path, PngEncoder.Encode(image));
    }
}
