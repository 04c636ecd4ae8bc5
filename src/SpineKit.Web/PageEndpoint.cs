using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpineKit.Web;

/// <summary>Serves the single-page correction UI (<c>Page/index.html</c>, embedded in the assembly; no CDN, no build step).</summary>
internal static class PageEndpoint
{
    private const string ResourceName = "SpineKit.Web.Page.index.html";

    private static readonly Lazy<byte[]> Page = new(Load);

    /// <summary>Maps <c>GET /</c>.</summary>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/", (HttpContext context) =>
        {
            // Everything the page needs is inline or from this origin; say so, so nothing else can be loaded or frame it.
            context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.PagePolicy;
            return Results.Bytes(Page.Value, "text/html; charset=utf-8");
        });

    private static byte[] Load()
    {
        using var stream = typeof(PageEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The page resource {ResourceName} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
