namespace SpineKit.Cli.Tests;

/// <summary>PACS credentials come from a file or the environment, never the command line.</summary>
public sealed class PacsCredentialsTests : IDisposable
{
    private readonly string file = Path.GetTempFileName();

    public void Dispose() => File.Delete(file);

    [Fact]
    public void AFileWinsOverTheEnvironment()
    {
        File.WriteAllText(file, "Basic ann:s3cret:x\n");
        var header = PacsCredentials.Resolve(file, _ => "ignored")!;

        Assert.Equal("Basic", header.Scheme);
        Assert.Equal("ann:s3cret:x", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public void TheEnvironmentGivesATokenOrAUserAndPassword()
    {
        Assert.Equal("Bearer abc", PacsCredentials.Resolve(null, name => name == "SPINEKIT_PACS_TOKEN" ? "abc" : null)!.ToString());
        var basic = PacsCredentials.Resolve(null, name => name switch { "SPINEKIT_PACS_USER" => "bob", "SPINEKIT_PACS_PASSWORD" => "pw", _ => null })!;
        Assert.Equal("bob:pw", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter!)));
        Assert.Null(PacsCredentials.Resolve(null, _ => null));
    }

    [Fact]
    public void AFileInAnotherFormIsRefusedWithoutEchoingIt()
    {
        File.WriteAllText(file, "password=hunter2\n");

        var error = Assert.Throws<FormatException>(() => PacsCredentials.Resolve(file, _ => null));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
