using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpineKit.Web.Tests;

/// <summary>An audit sink that keeps every line, with its level.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Line)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));

    /// <summary>
    /// Waits until at least <paramref name="count"/> lines have arrived. The server writes a request's line after
    /// the response has gone out, so a client can see its answer before the line exists.
    /// </summary>
    public async Task WaitForLinesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Lines.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(Lines.Count >= count, $"{Lines.Count} audit lines after 10 s, expected {count}");
    }
}
