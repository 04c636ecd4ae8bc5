namespace SpineKit.Web.Tests;

/// <summary>One server for a test class (loading the model once), with the sample already analysed.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private RunningServer? _server;

    internal RunningServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
