using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpineKit.Web;

/// <summary>
/// Refuses state-changing requests sent by pages of other origins. A browser attaches <c>Origin</c> to
/// cross-site POSTs (which a form or script on any web site can send to a loopback address without a
/// CORS preflight); the page served here sends its own origin, and non-browser clients send none.
/// </summary>
internal static class OriginCheck
{
    /// <summary>Adds the check to the pipeline (after the error handler, so refusals are JSON).</summary>
    public static void Use(WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
                && request.Headers.Origin is [{ } origin] && !IsSameOrigin(origin, request))
            {
                throw new ApiRequestException(StatusCodes.Status403Forbidden, $"Requests from pages of another origin ({origin}) are refused; use the page this server serves.");
            }

            await next(context);
        });

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
