using System.Net;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// Admission by memory: a session in use or used within the grace is never closed for a newcomer, who is
/// told 503 with Retry-After instead; idle sessions still make room; reservations are taken before decoding
/// and given back on failure.
/// </summary>
public sealed class SessionBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Store_SessionInUse_IsNotEvicted_NewcomerWaits()
    {
        var clock = new ManualClock(Start);
        var store = new SessionStore<string>(8, 1000, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), clock);
        var first = Add(store, "first", 600);
        var lease = store.TryAcquire(first)!;
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(store.TryReserve(600, out var retryAfter));
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"retry after {retryAfter}");
        Assert.True(store.TryGet(first, out _));

        // Returned, it is in its grace (its last use was just now) until the grace runs out; then it makes room.
        lease.Dispose();
        Assert.Null(store.TryReserve(600, out retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(5), retryAfter);
        clock.Advance(TimeSpan.FromMinutes(5));
        using var reservation = store.TryReserve(600, out _);
        Assert.NotNull(reservation);
        Assert.False(store.TryGet(first, out _));
    }

    [Fact]
    public void Store_Reservations_CountUntilAddedOrReleased()
    {
        var store = new SessionStore<string>(8, 1000, TimeSpan.FromHours(1), TimeSpan.Zero, new ManualClock(Start));
        var decoding = store.TryReserve(700, out _)!;
        Assert.Null(store.TryReserve(400, out _)); // two parallel uploads cannot both fit
        Assert.Equal(700, store.UsedBytes);

        var id = store.Add("x", decoding, 100); // decoded: it keeps only its resident size
        Assert.Equal(100, store.UsedBytes);
        decoding.Dispose(); // disposing after Add gives nothing back twice
        Assert.Equal(100, store.UsedBytes);

        var failed = store.TryReserve(400, out _)!;
        failed.Dispose();
        failed.Dispose();
        Assert.Equal(100, store.UsedBytes);
        Assert.True(store.TryGet(id, out _));
        Assert.Null(store.TryReserve(1001, out _)); // never fits: nothing is closed for it
        Assert.True(store.TryGet(id, out _));
    }

    [Fact]
    public void Store_LeasedSession_DoesNotExpire()
    {
        var clock = new ManualClock(Start);
        var store = new SessionStore<string>(8, 1000, TimeSpan.FromMinutes(10), TimeSpan.Zero, clock);
        var id = Add(store, "a", 10);
        using (store.TryAcquire(id))
        {
            clock.Advance(TimeSpan.FromMinutes(20)); // a very slow refine
            Assert.Equal(1, store.Count);
        }

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(store.TryGet(id, out _));
    }

    [Fact]
    public async Task Http_UploadWhileTheOnlySlotIsInUse_Is503WithRetryAfter_TheSessionSurvives()
    {
        await using var server = await RunningServer.StartAsync(maxSessions: 1);
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var id = (await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes))).GetProperty("id").GetString()!;

        // Held as a refine in progress holds it.
        using (server.Service.Sessions.TryAcquire(id))
        {
            var refused = await server.AnalyzeAsync(bytes);
            var message = await ApiResponses.ErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("try again", message, StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After {refused.Headers.RetryAfter}");
            await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id, ("T8", "tl", 300, 700)));
        }

        // No longer in use and no grace configured: the newcomer gets the slot.
        await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes));
        await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(server.Client, id), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Http_ByteBudget_RecentSessionIsKept_IdleOneMakesRoom_TooBigIs413()
    {
        // The sample (755 x 2375) reserves about 83 MB to decode and keeps about 10 MB: one fits 90 MB, not two at once.
        var clock = new ManualClock(Start);
        await using var server = await RunningServer.StartAsync(clock, maxSessions: 100, maxSessionBytes: 90_000_000, evictionGrace: TimeSpan.FromMinutes(5));
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var id = (await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes))).GetProperty("id").GetString()!;
        Assert.InRange(server.Service.Sessions.UsedBytes, 5_000_000, 20_000_000);

        clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await server.AnalyzeAsync(bytes);
        await ApiResponses.ErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromMinutes(4), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/sessions/{id}/analysis.json")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(5));
        await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes));
        Assert.Equal(1, server.Service.Sessions.Count);

        await using var small = await RunningServer.StartAsync(maxSessionBytes: 50_000_000);
        var message = await ApiResponses.ErrorAsync(await small.AnalyzeAsync(bytes), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("memory budget", message, StringComparison.Ordinal);
        Assert.Equal(0, small.Service.Sessions.UsedBytes);
    }

    [Fact]
    public async Task Http_FailedDecode_GivesItsReservationBack()
    {
        await using var server = await RunningServer.StartAsync();

        // A valid header with its scan cut away: the reservation is taken, then the decode fails.
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        for (var cut = 200; cut < 2000; cut += 150)
        {
            await server.AnalyzeAsync(bytes.AsSpan(0, cut).ToArray());
        }

        Assert.Equal(0, server.Service.Sessions.UsedBytes);
    }

    private static string Add(SessionStore<string> store, string session, long bytes) =>
        store.Add(session, store.TryReserve(bytes, out _)!, bytes);
}
