namespace SpineKit.Web;

/// <summary>Settings of the correction server; the defaults suit one person on their own machine.</summary>
public sealed class SpineKitServerOptions
{
    /// <summary>The default listening address: loopback only, so nothing is exposed to the network.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Where Kestrel listens (semicolon-separated URLs); port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Largest accepted upload in bytes (64 MiB); a larger file is answered with 413.</summary>
    public long MaxUploadBytes { get; init; } = 64L << 20;

    /// <summary>Largest accepted image in pixels (width times height), checked from the headers before decoding.</summary>
    public long MaxImagePixels { get; init; } = 100_000_000;

    /// <summary>How many images are kept open at once; opening one more closes the least recently used.</summary>
    public int MaxSessions { get; init; } = 16;

    /// <summary>A session not used for this long is closed and its id answers 404.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock for session expiry (tests pass a manual one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Log warnings and errors to the console (the <c>serve</c> command turns it on; tests leave it off).</summary>
    public bool ConsoleLogging { get; init; }
}
