namespace SpineKit.Cli.Tests.Commands;

/// <summary>The command-line side of <c>spinekit serve</c> (the server itself is tested in SpineKit.Web.Tests).</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Help_ListsTheAddressAndModelOptions()
    {
        var (exitCode, output, _) = Run("serve", "--help");
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--urls", output, StringComparison.Ordinal);
        Assert.Contains("--model", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModel_IsAProcessingErrorNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "spinekit-no-such-model.safetensors");
        var (exitCode, _, error) = Run("serve", "--model", missing, "--urls", "http://127.0.0.1:0");
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Equal($"spinekit: model file not found: {missing}", error.Trim());
    }

    [Fact]
    public void UnknownOption_IsAUsageError()
    {
        var (exitCode, _, error) = Run("serve", "--port", "80");
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.StartsWith("spinekit: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedAddress_IsAUsageError()
    {
        var (exitCode, _, error) = Run("serve", "--urls", "localhost-5000");
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--urls takes http://HOST:PORT addresses", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
