using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

public sealed class ExportOnnxCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-export-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void ExportWritesAnOnnxFileAndRefusesToReplaceIt()
    {
        var target = Path.Combine(_folder.FullName, "refiner.onnx");
        var model = RepositoryFiles.RefinerModel;

        var (exitCode, output, error) = Run("export", "onnx", "--model", model, "--out", target);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("CornerRefinerNet", output, StringComparison.Ordinal);
        Assert.Contains("input  crop [batch, 1, height, width]", output, StringComparison.Ordinal);

        // A ModelProto starts with field 1 (ir_version, varint) = 8.
        var bytes = File.ReadAllBytes(target);
        Assert.Equal([0x08, 0x08], bytes[..2]);

        var again = Run("export", "onnx", "--model", model, "--out", target);
        Assert.Equal(ExitCodes.ProcessingError, again.ExitCode);
        Assert.Contains("--overwrite", again.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Run("export", "onnx", "--model", model, "--out", target, "--overwrite").ExitCode);
    }

    [Fact]
    public void AFixedSizeNetworkSaysItsExactInputSize()
    {
        // The level classifier ends in a fully connected layer: its crops must be exactly its crop size.
        var (exitCode, output, _) = Run("export", "onnx", "--model", RepositoryFiles.LevelsModel, "--out", Path.Combine(_folder.FullName, "levels.onnx"));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Matches(@"input  crop \[batch, 1, (\d+), \1\], exactly that size", output);
        Assert.DoesNotContain("multiples of", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonModelFileIsAOneLineError()
    {
        var notAModel = Path.Combine(_folder.FullName, "notes.safetensors");
        File.WriteAllText(notAModel, "hello");

        var (exitCode, _, error) = Run("export", "onnx", "--model", notAModel, "--out", Path.Combine(_folder.FullName, "x.onnx"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.StartsWith("spinekit: safetensors:", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "x.onnx")));
    }

    [Fact]
    public void AMissingModelIsNamed()
    {
        var missing = Path.Combine(_folder.FullName, "missing.safetensors");

        var (exitCode, _, error) = Run("export", "onnx", "--model", missing, "--out", Path.Combine(_folder.FullName, "x.onnx"));

        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }
}
