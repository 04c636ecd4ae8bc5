namespace SpineKit.Cli;

/// <summary>
/// Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool, which
/// reorders and outlives the work).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
