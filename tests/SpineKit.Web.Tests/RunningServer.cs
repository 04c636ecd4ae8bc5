using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using SpineKit.Detection.Inference;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>The real server with the shipped model, listening on a free loopback port, and a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };

        // A new connection per request: the server closes a connection after refusing a body it did not read (a 413),
        // and a pooled one reused by the next test before the close is seen fails that test with "response ended
        // prematurely" (seen twice in CI under load, on the first request of a test in the class that sends such bodies).
        Client.DefaultRequestHeaders.ConnectionClose = true;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public CorrectionService Service => SpineKitServer.Service(App);

    /// <summary>
    /// Starts a server. The eviction grace is zero unless given, so the shared fixtures (which open more images
    /// than <paramref name="maxSessions"/>) close the least recently used as before.
    /// </summary>
    public static async Task<RunningServer> StartAsync(
        TimeProvider? clock = null,
        long maxUploadBytes = 4L << 20,
        int maxSessions = 8,
        long maxImagePixels = 100_000_000,
        long maxSessionBytes = 2L << 30,
        TimeSpan? evictionGrace = null,
        Microsoft.Extensions.Logging.ILogger? auditLog = null,
        bool measureRefusedFilms = false,
        bool withRefiner = false,
        bool withAllStages = false)
    {
        var options = new SpineKitServerOptions
        {
            Urls = "http://127.0.0.1:0",
            MaxUploadBytes = maxUploadBytes,
            MaxSessions = maxSessions,
            MaxImagePixels = maxImagePixels,
            MaxSessionBytes = maxSessionBytes,
            EvictionGrace = evictionGrace ?? TimeSpan.Zero,
            IdleTimeout = TimeSpan.FromMinutes(10),
            Clock = clock ?? TimeProvider.System,
            AuditLog = auditLog,
            MeasureRefusedFilms = measureRefusedFilms,
        };
        var refiner = withRefiner || withAllStages ? Detection.Refinement.CornerRefinerModel.Load(RepositoryFiles.RefinerModel) : null;
        var app = withAllStages
            ? SpineKitServer.Create(AllStages(), options)
            : SpineKitServer.Create(LandmarkModel.Load(RepositoryFiles.Model), options, refiner);
        await app.StartAsync();
        return new RunningServer(app, SpineKitServer.Addresses(app).Single());
    }

    /// <summary>The shipped locator, level classifier, corner model and refiner, as <c>spinekit serve</c> loads them by default.</summary>
    public static LandmarkDetector AllStages() => new(
        LandmarkModel.Load(RepositoryFiles.Model),
        LandmarkModel.Load(RepositoryFiles.LocatorModel),
        Detection.Refinement.CornerRefinerModel.Load(RepositoryFiles.RefinerModel),
        Detection.LevelNaming.LevelClassifierModel.Load(RepositoryFiles.LevelsModel));

    /// <summary>Posts a file to /api/analyze as the page does.</summary>
    public Task<HttpResponseMessage> AnalyzeAsync(byte[] bytes, string fileName = "ap-radiograph.jpg", bool expectContinue = false)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/analyze") { Content = form };
        request.Headers.ExpectContinue = expectContinue;
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
