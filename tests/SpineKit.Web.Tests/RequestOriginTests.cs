using System.Net;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>DNS rebinding and forged origins: only this machine's names are served, and at most one Origin.</summary>
public sealed class RequestOriginTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task RebindingPage_WithMatchingHostAndOrigin_IsRefusedOnReadsAndWrites()
    {
        var id = await OpenSampleAsync();

        // The attacker's name now resolves to 127.0.0.1: its page sends its own name as Host and Origin, which agree.
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/image.png");
        read.Headers.Host = $"evil.example:{Server.Address.Port}";
        read.Headers.Add("Origin", $"http://evil.example:{Server.Address.Port}");
        var message = await ApiResponses.ErrorAsync(await Server.Client.SendAsync(read), HttpStatusCode.Forbidden);
        Assert.Contains("evil.example", message, StringComparison.Ordinal);

        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/refine") { Content = ApiResponses.RefineBody(id) };
        write.Headers.Host = "evil.example";
        await ApiResponses.ErrorAsync(await Server.Client.SendAsync(write), HttpStatusCode.Forbidden);

        // Even without Origin (a plain navigation or curl with a forged name).
        using var bare = new HttpRequestMessage(HttpMethod.Get, "/");
        bare.Headers.Host = "localhost.evil.example";
        await ApiResponses.ErrorAsync(await Server.Client.SendAsync(bare), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task LoopbackNames_AreServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = $"{host}:{Server.Address.Port}";
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TwoOriginHeaders_AreRefused_EvenWhenTheFirstIsOurs()
    {
        var own = Server.Address.GetLeftPart(UriPartial.Authority);
        var (status, response) = await RawHttp.SendAsync(
            Server.Address,
            $"POST /api/refine HTTP/1.1\r\nHost: 127.0.0.1:{Server.Address.Port}\r\nOrigin: {own}\r\nOrigin: http://attacker.example\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        Assert.Equal(400, status);
        Assert.Contains("more than one Origin", response, StringComparison.Ordinal);

        // The same, folded into one header by a client.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refine") { Content = ApiResponses.RefineBody("x") };
        request.Headers.TryAddWithoutValidation("Origin", $"{own}, http://attacker.example");
        await ApiResponses.ErrorAsync(await Server.Client.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MissingHost_IsRefused()
    {
        var (status, _) = await RawHttp.SendAsync(Server.Address, "GET / HTTP/1.0\r\n\r\n");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task ForeignOrigin_IsRefusedOnReadsToo_NoOriginPasses()
    {
        var id = await OpenSampleAsync();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/analysis.json");
        foreign.Headers.Add("Origin", "http://attacker.example");
        await ApiResponses.ErrorAsync(await Server.Client.SendAsync(foreign), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync($"/api/sessions/{id}/analysis.json")).StatusCode);
    }

    [Fact]
    public async Task ConfiguredHost_IsServed_OthersStillRefused()
    {
        var options = new SpineKitServerOptions { Urls = "http://127.0.0.1:0", AllowedHosts = ["spine.ward.example"] };
        await using var app = SpineKitServer.Create(Detection.Inference.LandmarkModel.Load(RepositoryFiles.Model), options);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = SpineKitServer.Addresses(app).Single() };
        using var named = new HttpRequestMessage(HttpMethod.Get, "/");
        named.Headers.Host = "spine.ward.example";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(named)).StatusCode);

        // The loopback defaults are replaced, not added to.
        await ApiResponses.ErrorAsync(await client.GetAsync("/"), HttpStatusCode.Forbidden);
        await app.StopAsync();
    }

    private async Task<string> OpenSampleAsync() =>
        (await ApiResponses.JsonAsync(await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)))).GetProperty("id").GetString()!;
}
