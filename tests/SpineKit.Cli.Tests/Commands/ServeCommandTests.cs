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

    [Fact]
    public void Help_ListsTheSecurityOptions()
    {
        var (_, output, _) = Run("serve", "--help");
        Assert.Contains("--allowed-hosts", output, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://192.168.1.20:5000")]
    [InlineData("http://127.0.0.1:5000;http://spine.ward.example:5000")]
    public void NonLoopbackAddress_WithoutAllowRemote_IsAUsageErrorSayingWhy(string address)
    {
        var (exitCode, output, error) = Run("serve", "--urls", address, "--model", "no-such-model.safetensors");
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("no authentication", error, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void NonLoopbackAddress_WithAllowRemote_WarnsLoudlyBeforeStarting()
    {
        // The missing model stops it right after the warning, so nothing listens.
        var missing = Path.Combine(Path.GetTempPath(), "spinekit-no-such-model.safetensors");
        var (exitCode, _, error) = Run("serve", "--urls", "http://0.0.0.0:0", "--allow-remote", "--model", missing);
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.Contains("WARNING", error, StringComparison.Ordinal);
        Assert.Contains("NO authentication", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://127.0.0.2:0")]
    public void LoopbackAddress_NeedsNoFlagAndPrintsNoWarning(string address)
    {
        var missing = Path.Combine(Path.GetTempPath(), "spinekit-no-such-model.safetensors");
        var (exitCode, _, error) = Run("serve", "--urls", address, "--model", missing);
        Assert.Equal(ExitCodes.ProcessingError, exitCode);
        Assert.DoesNotContain("WARNING", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedAllowedHost_IsAUsageError()
    {
        var (exitCode, _, error) = Run("serve", "--allowed-hosts", "localhost,evil.example/x");
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--allowed-hosts takes host names", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
