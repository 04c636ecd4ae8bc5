using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpineKit.Web;

/// <summary>
/// Refuses requests sent by pages of other origins. A browser attaches <c>Origin</c> to cross-site POSTs
/// (which a form or script on any web site can send to a loopback address without a CORS preflight) and to
/// cross-origin reads; the page served here sends its own origin, and non-browser clients send none. A request
/// with two or more Origin headers is refused outright: no browser sends that, and which one a check read
/// would decide whether it passes.
/// </summary>
internal static class OriginCheck
{
    /// <summary>Adds the check to the pipeline (after the error handler and the host check, so refusals are JSON).</summary>
    public static void Use(WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var origins = request.Headers.Origin;
            if (origins.Count > 1 || (origins.Count == 1 && origins[0]?.Contains(',', StringComparison.Ordinal) == true))
            {
                throw new ApiRequestException(StatusCodes.Status400BadRequest, "The request carries more than one Origin header.");
            }

            if (origins is [{ } origin] && !IsSameOrigin(origin, request))
            {
                var shown = origin.Length <= 100 && origin.All(c => c is >= ' ' and < '\x7f') ? origin : "not shown";
                throw new ApiRequestException(StatusCodes.Status403Forbidden, $"Requests from pages of another origin ({shown}) are refused; use the page this server serves.");
            }

            await next(context);
        });

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
