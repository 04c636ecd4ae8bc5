namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit train levels</c>: options outside what the trainer can use are usage errors before anything loads.</summary>
public sealed class TrainLevelsCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-train-classifier-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("--aspect-jitter", "-0.1")]
    [InlineData("--aspect-jitter", "0.6")]
    [InlineData("--aspect-jitter", "NaN")]
    [InlineData("--context", "0.5")]
    [InlineData("--crop", "40")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string option, string value)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // The data folder does not exist: a usage error must come first, and nothing may be written.
        var run = Path.Combine(_folder.FullName, "run");
        var exitCode = SpineKitApp.Run(["train", "levels", "--data", Path.Combine(_folder.FullName, "data"), "--out", run, option, value], output, error);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
