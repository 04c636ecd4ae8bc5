namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit train levels|refiner</c>: options outside what the trainer can use are usage errors before anything loads.</summary>
public sealed class TrainCommandUsageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-train-usage-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("levels", "--aspect-jitter", "-0.1", "--aspect-jitter")]
    [InlineData("levels", "--aspect-jitter", "0.6", "--aspect-jitter")]
    [InlineData("levels", "--aspect-jitter", "NaN", "--aspect-jitter")]
    [InlineData("levels", "--context", "0.5", "--context")]
    [InlineData("levels", "--crop", "40", "--crop")]
    [InlineData("refiner", "--head", "votes", "'votes'")]
    [InlineData("refiner", "--head", "Heatmaps", "'Heatmaps'")]
    [InlineData("refiner", "--crop", "100", "--crop")]
    [InlineData("refiner", "--crop", "16", "--crop")]
    [InlineData("refiner", "--epochs", "0", "--epochs")]
    [InlineData("refiner", "--batch", "0", "--batch")]
    public void BadOptionsAreUsageErrorsSayingWhatIsWrong(string trainer, string option, string value, string named)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // The data folder does not exist: a usage error must come first, and nothing may be written.
        var run = Path.Combine(_folder.FullName, "run");
        var exitCode = SpineKitApp.Run(["train", trainer, "--data", Path.Combine(_folder.FullName, "data"), "--out", run, option, value], output, error);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
