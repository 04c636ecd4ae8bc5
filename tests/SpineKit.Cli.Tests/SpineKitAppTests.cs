namespace SpineKit.Cli.Tests;

public class SpineKitAppTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SpineKitApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void HelpListsTheCommandsThatExist()
    {
        var (exitCode, output, _) = Run("--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        foreach (var command in SpineKitApp.CreateRootCommand().Subcommands)
        {
            Assert.Contains(command.Name, output);
        }
    }

    [Fact]
    public void VersionPrintsTheAssemblyVersion()
    {
        var (exitCode, output, _) = Run("--version");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(SpineKitApp.Version, output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("about", "--no-such-option")]
    public void UsageErrorsPrintOneLineAndExitWithTwo(params string[] args)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("spinekit: ", error);
    }

    [Fact]
    public void AboutReportsTheSimdSupport()
    {
        var (exitCode, output, _) = Run("about");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Vector512", output);
    }

    [Fact]
    public void KnownInputFailuresBecomeOneLineMessages()
    {
        Assert.True(UserFacingError.TryDescribe(new FileNotFoundException("Could not find file 'x.jpg'.", "x.jpg"), out var message));
        Assert.Contains("x.jpg", message);

        // A refused correction is the user's input too (exit 1 for that file), unlike other argument errors (bugs).
        Assert.True(UserFacingError.TryDescribe(new Detection.InvalidHintException("The corners of T5 lie on a line."), out var hint));
        Assert.Equal("The corners of T5 lie on a line.", hint);
        Assert.False(UserFacingError.TryDescribe(new ArgumentException("bug"), out _));
        Assert.False(UserFacingError.TryDescribe(new NullReferenceException(), out _));
    }
}
