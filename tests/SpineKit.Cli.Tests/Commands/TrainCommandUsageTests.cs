namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit train levels|refiner</c>: options outside what the trainer can use are usage errors before anything loads.</summary>
public sealed class TrainCommandUsageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-train-usage-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("levels", "--aspect-jitter", "-0.1")]
    [InlineData("levels", "--aspect-jitter", "0.6")]
    [InlineData("levels", "--aspect-jitter", "NaN")]
    [InlineData("levels", "--context", "0.5")]
    [InlineData("levels", "--crop", "40")]
    [InlineData("refiner", "--head", "votes")]
    [InlineData("refiner", "--head", "Heatmaps")]
    [InlineData("refiner", "--crop", "100")]
    [InlineData("refiner", "--crop", "16")]
    [InlineData("refiner", "--epochs", "0")]
    [InlineData("refiner", "--batch", "0")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string trainer, string option, string value)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // The data folder does not exist: a usage error must come first, and nothing may be written.
        var run = Path.Combine(_folder.FullName, "run");
        var exitCode = SpineKitApp.Run(["train", trainer, "--data", Path.Combine(_folder.FullName, "data"), "--out", run, option, value], output, error);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(option, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
