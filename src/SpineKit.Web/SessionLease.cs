namespace SpineKit.Web;

/// <summary>
/// A session held in use: while any lease on it is open the store neither expires it nor closes it to make
/// room. Dispose it when the request is done (which also counts as the session's last use).
/// </summary>
/// <typeparam name="TSession">What a session holds.</typeparam>
public sealed class SessionLease<TSession> : IDisposable
    where TSession : class
{
    private Action? _return;

    internal SessionLease(TSession session, Action onReturn)
    {
        Session = session;
        _return = onReturn;
    }

    /// <summary>The session.</summary>
    public TSession Session { get; }

    /// <summary>Ends the use; later calls do nothing.</summary>
    public void Dispose() => Interlocked.Exchange(ref _return, null)?.Invoke();
}
