using System.Net;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>Patient images and JSON are never cached, sniffed, framed or named in a Referer, errors included.</summary>
public sealed class SecurityHeaderTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task EveryKindOfAnswer_CarriesTheHeaders()
    {
        var analysed = await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample));
        var id = (await ApiResponses.JsonAsync(analysed)).GetProperty("id").GetString()!;
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("analyze", analysed),
            ("page", await Server.Client.GetAsync("/")),
            ("image", await Server.Client.GetAsync($"/api/sessions/{id}/image.png")),
            ("json", await Server.Client.GetAsync($"/api/sessions/{id}/analysis.json")),
            ("csv", await Server.Client.GetAsync($"/api/sessions/{id}/angles.csv")),
            ("refine error", await ApiResponses.RefineAsync(Server.Client, id, ("C5", "tl", 1, 1))),
            ("unknown route", await Server.Client.GetAsync("/api/nothing")),
            ("unknown session", await Server.Client.GetAsync("/api/sessions/0123/image.png")),
        };

        foreach (var (what, response) in answers)
        {
            var headers = response.Headers;
            Assert.True(headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {headers.CacheControl}");
            Assert.Equal(["nosniff"], headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["DENY"], headers.GetValues("X-Frame-Options"));
            Assert.Equal(["no-referrer"], headers.GetValues("Referrer-Policy"));
            var policy = Assert.Single(headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            if (what != "page")
            {
                Assert.StartsWith("default-src 'none'", policy, StringComparison.Ordinal);
            }
        }

        // The page keeps what its inline script and style need.
        var pagePolicy = answers.Single(a => a.What == "page").Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'unsafe-inline'", pagePolicy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answers.Single(a => a.What == "page").Response.StatusCode);
    }
}
