namespace SpineKit.Cli.Tests.Commands;

/// <summary><c>spinekit train refiner</c>: options outside what the trainer can use are usage errors before anything loads.</summary>
public sealed class TrainRefinerCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-train-refiner-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("--head", "votes")]
    [InlineData("--head", "Heatmaps")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "0")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string option, string value)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // The data folder does not exist: a usage error must come first, and nothing may be written.
        var run = Path.Combine(_folder.FullName, "run");
        var exitCode = SpineKitApp.Run(["train", "refiner", "--data", Path.Combine(_folder.FullName, "data"), "--out", run, option, value], output, error);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(value == "0" ? option : value, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
