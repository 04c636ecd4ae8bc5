namespace SpineKit.Neural.Autograd;

/// <summary>
/// Whether operations record a graph for back-propagation. The switch is flow-local
/// (<see cref="AsyncLocal{T}"/>): a <see cref="NoGrad"/> scope affects only the code that opened it,
/// including awaited continuations, never other threads or concurrent requests.
/// </summary>
public static class GradMode
{
    private static readonly AsyncLocal<bool> Disabled = new();

    /// <summary>True unless the current flow is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => !Disabled.Value;

    /// <summary>Opens a scope in which no graph is recorded (inference); dispose it to restore the previous mode.</summary>
    public static IDisposable NoGrad() => new Scope(false);

    private sealed class Scope : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        public Scope(bool enabled)
        {
            _previous = Disabled.Value;
            Disabled.Value = !enabled;
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                Disabled.Value = _previous;
                _disposed = true;
            }
        }
    }
}
