using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Primitives;

namespace SpineKit.Web;

/// <summary>
/// The headers every answer carries, errors included: patient images and measurements must not be cached
/// (<c>Cache-Control: no-store</c>), sniffed into another type, framed by another site (clickjacking the
/// correction page), or named in a Referer. They are set as the response starts, after any handler or the
/// error handler has cleared the response, so no path can lose them.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The page's policy: its script and style are inline, its images and API calls from this origin only.</summary>
    public const string PagePolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' blob: data:; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The policy of every other answer (JSON, PNG, CSV): nothing in it may run or load anything.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Adds the headers to every response; call it first so it wraps the whole pipeline.</summary>
    public static void Use(WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (StringValues.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = DataPolicy;
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
