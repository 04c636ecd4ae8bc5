using System.Security.Cryptography;

namespace SpineKit.Web;

/// <summary>
/// The open sessions, in memory only. Thread-safe: every operation takes one lock, held only for
/// dictionary work (never during a network pass), so concurrent requests cannot corrupt it. The count is
/// bounded (adding beyond <see cref="Capacity"/> closes the least recently used session) and a session
/// idle for longer than <see cref="IdleTimeout"/> is gone: expiry is checked against the injected clock
/// on every call, so no timer runs and tests move time by hand.
/// </summary>
/// <typeparam name="TSession">What a session holds (<see cref="CorrectionSession"/> in the server).</typeparam>
public sealed class SessionStore<TSession>
    where TSession : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Most sessions kept at once (at least 1).</param>
    /// <param name="idleTimeout">Time without use after which a session expires.</param>
    /// <param name="clock">The time source.</param>
    public SessionStore(int capacity, TimeSpan idleTimeout, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        Capacity = capacity;
        IdleTimeout = idleTimeout;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Most sessions kept at once.</summary>
    public int Capacity { get; }

    /// <summary>Idle time after which a session expires.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>How many sessions are open now (expired ones are dropped first).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                DropExpired(_clock.GetUtcNow());
                return _sessions.Count;
            }
        }
    }

    /// <summary>Stores <paramref name="session"/> under a new unguessable id and returns the id.</summary>
    public string Add(TSession session)
    {
        ArgumentNullException.ThrowIfNull(session);

        // 128 random bits: the id is the only thing that gives access to an uploaded image.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropExpired(now);
            while (_sessions.Count >= Capacity)
            {
                var oldest = _sessions.MinBy(pair => pair.Value.LastUsed).Key;
                _sessions.Remove(oldest);
            }

            _sessions[id] = new Entry(session) { LastUsed = now };
        }

        return id;
    }

    /// <summary>Finds a live session and marks it used now; false when the id is unknown or expired.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TSession session)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropExpired(now);
            if (id is not null && _sessions.TryGetValue(id, out var entry))
            {
                entry.LastUsed = now;
                session = entry.Session;
                return true;
            }
        }

        session = null;
        return false;
    }

    /// <summary>Closes a session; false when there was none with that id.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            return id is not null && _sessions.Remove(id);
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        List<string>? expired = null;
        foreach (var (id, entry) in _sessions)
        {
            if (now - entry.LastUsed >= IdleTimeout)
            {
                (expired ??= []).Add(id);
            }
        }

        expired?.ForEach(id => _sessions.Remove(id));
    }

    private sealed class Entry(TSession session)
    {
        public TSession Session { get; } = session;

        public DateTimeOffset LastUsed { get; set; }
    }
}
