namespace SpineKit.Web;

/// <summary>
/// Room held in a <see cref="SessionStore{TSession}"/> for a session being opened: taken before decoding, turned
/// into the session by <see cref="SessionStore{TSession}.Add(TSession, SessionReservation, long)"/>, or given back
/// by <see cref="Dispose"/> when the decode or the analysis fails (disposing after <c>Add</c> does nothing).
/// </summary>
public sealed class SessionReservation : IDisposable
{
    private readonly Action<SessionReservation> _release;
    private int _done;

    internal SessionReservation(object store, long bytes, Action<SessionReservation> release)
    {
        Store = store;
        Bytes = bytes;
        _release = release;
    }

    /// <summary>The bytes held.</summary>
    public long Bytes { get; }

    internal object Store { get; }

    /// <summary>Gives the room back unless it became a session.</summary>
    public void Dispose() => _release(this);

    /// <summary>Marks the reservation used; false when it already was (added or released).</summary>
    internal bool TryConsume() => Interlocked.Exchange(ref _done, 1) == 0;
}
