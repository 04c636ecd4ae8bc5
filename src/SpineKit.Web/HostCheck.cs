using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpineKit.Web;

/// <summary>
/// Serves only requests whose <c>Host</c> header names this machine as configured
/// (<see cref="SpineKitServerOptions.AllowedHosts"/>; loopback names by default). This is what stops DNS
/// rebinding: a hostile page whose own name has been re-pointed at 127.0.0.1 sends its own name as Host (and as
/// Origin, so the origin check alone would pass it), and here it is refused before it can read an image.
/// </summary>
internal static class HostCheck
{
    /// <summary>The entry that turns the check off (for a reverse proxy that checks names itself).</summary>
    public const string AnyHost = "*";

    /// <summary>Adds the check to the pipeline (after the error handler, so refusals are JSON).</summary>
    public static void Use(WebApplication app, IReadOnlyList<string> allowedHosts)
    {
        var allowed = new HashSet<string>(allowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        var any = allowed.Contains(AnyHost);
        app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (!host.HasValue)
            {
                throw new ApiRequestException(StatusCodes.Status400BadRequest, "The request has no Host header.");
            }

            if (!any && !allowed.Contains(host.Host))
            {
                // The name is echoed only if it is a plain host name, so the answer cannot carry markup or control characters.
                var shown = host.Host.Length <= 64 && host.Host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']') ? host.Host : "(not shown)";
                throw new ApiRequestException(
                    StatusCodes.Status403Forbidden,
                    $"This server does not answer to the host name {shown}; open it by an address it was started for (spinekit serve --allowed-hosts).");
            }

            await next(context);
        });
    }

    /// <summary>An allow-list entry as the request's host part reads: no port, IPv6 in brackets.</summary>
    public static string Normalize(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var trimmed = entry.Trim();
        return trimmed == AnyHost ? AnyHost : new HostString(trimmed).Host;
    }
}
