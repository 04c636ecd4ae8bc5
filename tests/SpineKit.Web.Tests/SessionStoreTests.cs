namespace SpineKit.Web.Tests;

public sealed class SessionStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryGet_AfterIdleTimeout_FindsNothing()
    {
        var clock = new ManualClock(Start);
        var store = new SessionStore<string>(4, TimeSpan.FromMinutes(5), clock);
        var id = store.Add("a");
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(store.TryGet(id, out var found));
        Assert.Equal("a", found);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(store.TryGet(id, out _)); // the previous look-up counted as use
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(store.TryGet(id, out _));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Touch_KeepsAPageInUseAlive_WhileAnAbandonedOneExpires()
    {
        var clock = new ManualClock(Start);
        var store = new SessionStore<string>(4, TimeSpan.FromMinutes(30), clock);
        var open = store.Add("on screen");
        var abandoned = store.Add("tab closed");

        // Two hours of heartbeats every 10 minutes, four times the idle limit, with no other request.
        for (var minute = 10; minute <= 120; minute += 10)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.True(store.Touch(open), $"the heartbeat at minute {minute} found the session gone");
        }

        Assert.True(store.TryGet(open, out var found));
        Assert.Equal("on screen", found);
        Assert.False(store.Touch(abandoned));
        Assert.False(store.TryGet(abandoned, out _));
        Assert.Equal(1, store.Count);

        // Once the heartbeats stop, the idle limit applies again: just under it the session is there, at it gone.
        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(1, store.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(store.Touch(open));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Touch_UnknownOrRemovedId_IsFalse()
    {
        var store = new SessionStore<string>(4, TimeSpan.FromMinutes(30), new ManualClock(Start));
        var id = store.Add("a");
        Assert.False(store.Touch("0123456789abcdef0123456789abcdef"));
        Assert.False(store.Touch(null!));
        Assert.True(store.Remove(id));
        Assert.False(store.Touch(id));
    }

    [Fact]
    public void Add_BeyondCapacity_ClosesTheLeastRecentlyUsed()
    {
        var clock = new ManualClock(Start);
        var store = new SessionStore<string>(2, TimeSpan.FromHours(1), clock);
        var first = store.Add("first");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = store.Add("second");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(store.TryGet(first, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        var third = store.Add("third");

        Assert.Equal(2, store.Count);
        Assert.True(store.TryGet(first, out _));
        Assert.False(store.TryGet(second, out _));
        Assert.True(store.TryGet(third, out _));
    }

    [Fact]
    public void Ids_AreDistinctAndUnguessableHex()
    {
        var store = new SessionStore<string>(1000, TimeSpan.FromHours(1), TimeProvider.System);
        var ids = Enumerable.Range(0, 500).Select(i => store.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(500, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public void ConcurrentUse_LosesNothing()
    {
        var store = new SessionStore<string>(10_000, TimeSpan.FromHours(1), TimeProvider.System);
        var kept = new System.Collections.Concurrent.ConcurrentBag<(string Id, string Value)>();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var value = $"s{i}";
            var id = store.Add(value);
            Assert.True(store.TryGet(id, out var found) && found == value);
            if (i % 4 == 0)
            {
                Assert.True(store.Remove(id));
            }
            else
            {
                kept.Add((id, value));
            }
        });

        Assert.Equal(3000, store.Count);
        Assert.All(kept, pair => Assert.True(store.TryGet(pair.Id, out var found) && found == pair.Value));
    }
}
