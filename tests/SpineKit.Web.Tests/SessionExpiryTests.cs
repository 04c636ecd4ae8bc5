using System.Net;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>Sessions expire after the idle time on the injected clock; no test sleeps.</summary>
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task Session_UsedWithinTheIdleTime_StaysOpen_ThenExpiresWith404()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await RunningServer.StartAsync(clock);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;

        clock.Advance(TimeSpan.FromMinutes(9));
        await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/sessions/{id}/image.png")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(10));
        var message = await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(server.Client, id), HttpStatusCode.NotFound);
        Assert.Contains("closed after 10 minutes unused", message, StringComparison.Ordinal);
        Assert.Equal(0, server.Service.Sessions.Count);
    }

    [Fact]
    public async Task Keepalive_HoldsAnOpenPageBeyondTheIdleTime_AndAnswers404OnceItIsGone()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await RunningServer.StartAsync(clock);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;

        // Three times the 10-minute idle limit with nothing but heartbeats: the correction is still possible.
        for (var beat = 0; beat < 5; beat++)
        {
            clock.Advance(TimeSpan.FromMinutes(6));
            var answer = await ApiResponses.JsonAsync(await server.Client.PostAsync($"/api/sessions/{id}/keepalive", null));
            Assert.Equal(600, answer.GetProperty("idleTimeoutSeconds").GetInt64());
        }

        await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id));

        clock.Advance(TimeSpan.FromMinutes(10));
        var message = await ApiResponses.ErrorAsync(await server.Client.PostAsync($"/api/sessions/{id}/keepalive", null), HttpStatusCode.NotFound);
        Assert.Contains("closed after 10 minutes unused", message, StringComparison.Ordinal);
    }
}
