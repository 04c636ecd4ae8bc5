using System.Security.Cryptography;

namespace SpineKit.Web;

/// <summary>
/// The open sessions, in memory only, with their memory cost. Thread-safe: every operation takes one lock,
/// held only for dictionary work (never during a network pass or a decode).
/// <para>
/// Admission policy. Opening a session first reserves its estimated cost (<see cref="TryReserve"/>) against
/// <see cref="MaxBytes"/> and a slot against <see cref="Capacity"/>, before the image is decoded; uploads being
/// decoded count too, so parallel uploads cannot together exceed the budget. When it does not fit, sessions
/// are closed least recently used first, but only those that are not in use (no <see cref="SessionLease{TSession}"/>
/// open: being refined, rendered or exported) and idle for at least <see cref="EvictionGrace"/>. If that is
/// not enough the reservation fails, with the time after which one may succeed, and nothing is closed. A
/// session idle longer than <see cref="IdleTimeout"/> (and not in use) is gone: expiry is checked against the
/// injected clock on every call, so no timer runs and tests move time by hand.
/// </para>
/// </summary>
/// <typeparam name="TSession">What a session holds (<see cref="CorrectionSession"/> in the server).</typeparam>
public sealed class SessionStore<TSession>
    where TSession : class
{
    // Told to wait when only pending uploads fill the budget: they end, one way or the other, within seconds.
    private static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private long _sessionBytes;
    private long _pendingBytes;
    private int _pendingCount;

    /// <summary>Creates an empty store bounded by count only, closing the least recently used at once when full (no grace).</summary>
    /// <param name="capacity">Most sessions kept at once (at least 1).</param>
    /// <param name="idleTimeout">Time without use after which a session expires.</param>
    /// <param name="clock">The time source.</param>
    public SessionStore(int capacity, TimeSpan idleTimeout, TimeProvider clock)
        : this(capacity, long.MaxValue, idleTimeout, TimeSpan.Zero, clock)
    {
    }

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">Most sessions kept at once (at least 1).</param>
    /// <param name="maxBytes">The memory budget of sessions and pending reservations, in bytes.</param>
    /// <param name="idleTimeout">Time without use after which a session expires.</param>
    /// <param name="evictionGrace">A session used more recently than this is never closed to make room.</param>
    /// <param name="clock">The time source.</param>
    public SessionStore(int capacity, long maxBytes, TimeSpan idleTimeout, TimeSpan evictionGrace, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(evictionGrace, TimeSpan.Zero);
        Capacity = capacity;
        MaxBytes = maxBytes;
        IdleTimeout = idleTimeout;
        EvictionGrace = evictionGrace;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Most sessions kept at once.</summary>
    public int Capacity { get; }

    /// <summary>The memory budget in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>Idle time after which a session expires.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>A session used more recently than this is never closed to make room.</summary>
    public TimeSpan EvictionGrace { get; }

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

    /// <summary>The bytes counted against <see cref="MaxBytes"/> now: open sessions plus pending reservations.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_gate)
            {
                DropExpired(_clock.GetUtcNow());
                return _sessionBytes + _pendingBytes;
            }
        }
    }

    /// <summary>
    /// Reserves room for one session of <paramref name="bytes"/>, closing idle sessions as the policy allows;
    /// null when there is no room, with <paramref name="retryAfter"/> the time after which there may be.
    /// </summary>
    public SessionReservation? TryReserve(long bytes, out TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes > MaxBytes)
        {
            // It could never fit: closing sessions for it would only lose work.
            retryAfter = TimeSpan.Zero;
            return null;
        }

        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropExpired(now);
            while (_sessions.Count + _pendingCount >= Capacity || _sessionBytes + _pendingBytes > MaxBytes - bytes)
            {
                string? victim = null;
                var oldest = DateTimeOffset.MaxValue;
                foreach (var (id, entry) in _sessions)
                {
                    if (entry.Leases == 0 && now - entry.LastUsed >= EvictionGrace && entry.LastUsed < oldest)
                    {
                        (victim, oldest) = (id, entry.LastUsed);
                    }
                }

                if (victim is null)
                {
                    retryAfter = WaitForRoom(now);
                    return null;
                }

                RemoveEntry(victim);
            }

            _pendingBytes += bytes;
            _pendingCount++;
            retryAfter = TimeSpan.Zero;
            return new SessionReservation(this, bytes, Release);
        }
    }

    /// <summary>
    /// Stores <paramref name="session"/> under a new unguessable id in the room <paramref name="reservation"/>
    /// holds, now counted as <paramref name="residentBytes"/>, and returns the id.
    /// </summary>
    public string Add(TSession session, SessionReservation reservation, long residentBytes)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentOutOfRangeException.ThrowIfNegative(residentBytes);

        // 128 random bits: the id is the only thing that gives access to an uploaded image.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            if (!ReferenceEquals(reservation.Store, this) || !reservation.TryConsume())
            {
                throw new InvalidOperationException("The reservation was already used or released.");
            }

            _pendingBytes -= reservation.Bytes;
            _pendingCount--;
            _sessions[id] = new Entry(session, residentBytes) { LastUsed = _clock.GetUtcNow() };
            _sessionBytes += residentBytes;
        }

        return id;
    }

    /// <summary>Stores a session that costs nothing against the byte budget; throws when the count limit leaves no room.</summary>
    public string Add(TSession session)
    {
        var reservation = TryReserve(0, out _) ?? throw new InvalidOperationException("Every session is in use or within its eviction grace.");
        return Add(session, reservation, 0);
    }

    /// <summary>
    /// Finds a live session, marks it used now and holds it in use (never closed to make room, never expired)
    /// until the lease is disposed; null when the id is unknown or expired.
    /// </summary>
    public SessionLease<TSession>? TryAcquire(string id)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropExpired(now);
            if (id is null || !_sessions.TryGetValue(id, out var entry))
            {
                return null;
            }

            entry.LastUsed = now;
            entry.Leases++;
            return new SessionLease<TSession>(entry.Session, () => Return(entry));
        }
    }

    /// <summary>
    /// Marks a live session used now without reading it: the page's heartbeat, so a film left open on screen
    /// while the user thinks is not closed as idle; false when the id is unknown or already expired (an
    /// abandoned page sends no heartbeat, so its session still expires after <see cref="IdleTimeout"/>).
    /// </summary>
    public bool Touch(string id)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            DropExpired(now);
            if (id is null || !_sessions.TryGetValue(id, out var entry))
            {
                return false;
            }

            entry.LastUsed = now;
            return true;
        }
    }

    /// <summary>Finds a live session and marks it used now; false when the id is unknown or expired.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TSession session)
    {
        using var lease = TryAcquire(id);
        session = lease?.Session;
        return lease is not null;
    }

    /// <summary>Closes a session (the owner's explicit request, so even one in use); false when there was none with that id.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            return id is not null && RemoveEntry(id);
        }
    }

    /// <summary>Gives back a reservation that did not become a session (the decode failed).</summary>
    internal void Release(SessionReservation reservation)
    {
        lock (_gate)
        {
            if (reservation.TryConsume())
            {
                _pendingBytes -= reservation.Bytes;
                _pendingCount--;
            }
        }
    }

    private void Return(Entry entry)
    {
        lock (_gate)
        {
            entry.Leases--;
            entry.LastUsed = _clock.GetUtcNow();
        }
    }

    private TimeSpan WaitForRoom(DateTimeOffset now)
    {
        // The soonest a session may be closed: one not in use, once its grace runs out; one in use, a grace after it is returned.
        var soonest = _sessions.Count == 0
            ? PendingWait
            : _sessions.Values.Min(e => e.Leases > 0 ? EvictionGrace : e.LastUsed + EvictionGrace - now);
        return soonest < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : soonest;
    }

    private bool RemoveEntry(string id)
    {
        if (!_sessions.Remove(id, out var entry))
        {
            return false;
        }

        _sessionBytes -= entry.Bytes;
        return true;
    }

    private void DropExpired(DateTimeOffset now)
    {
        List<string>? expired = null;
        foreach (var (id, entry) in _sessions)
        {
            if (entry.Leases == 0 && now - entry.LastUsed >= IdleTimeout)
            {
                (expired ??= []).Add(id);
            }
        }

        expired?.ForEach(id => RemoveEntry(id));
    }

    private sealed class Entry(TSession session, long bytes)
    {
        public TSession Session { get; } = session;

        public long Bytes { get; } = bytes;

        public DateTimeOffset LastUsed { get; set; }

        public int Leases { get; set; }
    }
}
