using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Refinement;

namespace SpineKit.Web;

/// <summary>
/// Builds the correction server: the page at <c>/</c> and the JSON API under <c>/api</c> over one loaded
/// model. The caller starts it (<c>StartAsync</c>/<c>RunAsync</c>) and disposes it; <see cref="Addresses"/>
/// gives the bound URLs once started (useful with port 0).
/// </summary>
public static class SpineKitServer
{
    /// <summary>Creates the application; nothing listens until it is started.</summary>
    /// <param name="model">A landmark model with hint channels (the shipped one has them).</param>
    /// <param name="options">Listening address, limits, session policy and clock.</param>
    /// <param name="refiner">The corner refiner run after every prediction, or null for the corner model's corners.</param>
    public static WebApplication Create(LandmarkModel model, SpineKitServerOptions options, CornerRefinerModel? refiner = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(new LandmarkDetector(model, null, refiner), options);
    }

    /// <summary>Creates the application around a detector (its locator and level classifier, when it has them, analyse every image first).</summary>
    /// <param name="detector">A detector whose corner model has hint channels.</param>
    /// <param name="options">Listening address, limits, session policy and clock.</param>
    public static WebApplication Create(LandmarkDetector detector, SpineKitServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        var service = new CorrectionService(detector, options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            // A failure to start (port in use, bad address) is rethrown to the caller, which reports it in one
            // line; the host's own log of it would repeat it with a stack trace.
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
                .AddFilter(AuditLog.Category, LogLevel.Information);
        }

        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Small by default; the upload endpoint raises it for its own request only.
            kestrel.Limits.MaxRequestBodySize = ApiEndpoints.MaxRefineBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        SecurityHeaders.Use(app);
        AuditLog.Use(app, options.AuditLog);
        ErrorResponses.Use(app);
        HostCheck.Use(app, options.AllowedHosts);
        OriginCheck.Use(app);
        PageEndpoint.Map(app);
        ApiEndpoints.Map(app, service);
        return app;
    }

    /// <summary>The URLs the started server listens on.</summary>
    public static IReadOnlyList<Uri> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(address => new Uri(address)).ToList();
    }

    /// <summary>The correction service behind a server made by <see cref="Create(LandmarkDetector, SpineKitServerOptions)"/> (sessions, refiner).</summary>
    public static CorrectionService Service(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<CorrectionService>();
    }
}
