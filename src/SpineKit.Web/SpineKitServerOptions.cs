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

    /// <summary>
    /// Measure images the film check refuses (another modality or body part, a lateral view, an image too small to
    /// show vertebrae) instead of answering 422, as <c>spinekit analyze --force</c> does; their analyses keep the reasons.
    /// </summary>
    public bool MeasureRefusedFilms { get; init; }

    /// <summary>Largest accepted image in pixels (width times height), checked from the headers before decoding.</summary>
    public long MaxImagePixels { get; init; } = Imaging.ImageReadOptions.DefaultMaxPixels;

    /// <summary>The host names served by default: this machine's loopback names only.</summary>
    public static IReadOnlyList<string> DefaultAllowedHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// The host names (as in the <c>Host</c> header, no port; IPv6 in brackets) the server answers to; any
    /// other is refused with 403, which defeats DNS rebinding. <c>*</c> allows every name (only behind a
    /// proxy that checks names itself).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = DefaultAllowedHosts;

    /// <summary>
    /// Most images kept open at once. At the limit, opening one more closes the least recently used session
    /// that is not in use and idle for at least <see cref="EvictionGrace"/>; when there is none, the upload is
    /// answered 503 with Retry-After.
    /// </summary>
    public int MaxSessions { get; init; } = 256;

    /// <summary>
    /// The memory budget of open sessions and of uploads being decoded, in bytes (2 GiB): an upload reserves
    /// its estimated decoding cost before any pixel is allocated, then keeps its estimated resident size. An
    /// upload that does not fit is answered 503 with Retry-After (413 if it could never fit), after closing
    /// sessions as for <see cref="MaxSessions"/>.
    /// </summary>
    public long MaxSessionBytes { get; init; } = 2L << 30;

    /// <summary>
    /// A session used this recently is never closed to make room (nor one in use, whatever its age), so an
    /// open correction is not lost to other people's uploads; it still expires after <see cref="IdleTimeout"/>.
    /// </summary>
    public TimeSpan EvictionGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A session not used for this long is closed and its id answers 404.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock for session expiry and the times written into exports (tests pass a manual one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Log warnings and errors, and the audit line of each request, to the console (the <c>serve</c> command turns it on; tests leave it off).</summary>
    public bool ConsoleLogging { get; init; }

    /// <summary>
    /// Where the audit line of each request goes (Information level: method, route, status, milliseconds,
    /// session id prefix; never a file name or a full id). Null: the server's own logging, category
    /// <c>SpineKit.Web.Audit</c>, which <see cref="ConsoleLogging"/> prints.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? AuditLog { get; init; }
}
