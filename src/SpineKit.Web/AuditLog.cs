using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpineKit.Web;

/// <summary>
/// One Information line per request: method, route, status, milliseconds and the first eight characters of
/// the session id. The route is the endpoint's template (<c>/api/sessions/{id}/image.png</c>), never the path
/// as sent: a full session id is a key to a patient image, and an unknown path can carry anything, a patient's
/// name included. File names never appear.
/// </summary>
internal static class AuditLog
{
    /// <summary>The logger category of the audit lines.</summary>
    public const string Category = "SpineKit.Web.Audit";

    private const string SessionKey = "SpineKit.Audit.Session";

    /// <summary>Wraps the whole pipeline (after the security headers) so the final status is logged.</summary>
    public static void Use(WebApplication app, ILogger? sink)
    {
        var logger = sink ?? app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var route = context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText ?? "-" : "(no route)";
                var method = context.Request.Method.Length <= 16 && context.Request.Method.All(char.IsAsciiLetterUpper) ? context.Request.Method : "(other)";
                var session = context.Items.TryGetValue(SessionKey, out var value) && value is string id ? id : "-";
                logger.LogInformation(
                    "{Method} {Route} {Status} {Milliseconds:0.0} ms session {Session}",
                    method,
                    route,
                    context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    session);
            }
        });
    }

    /// <summary>Notes the session a request touched, as its id's first eight characters (only if the id has the server's form).</summary>
    public static void NoteSession(HttpContext context, string? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower))
        {
            context.Items[SessionKey] = id[..8];
        }
    }
}
