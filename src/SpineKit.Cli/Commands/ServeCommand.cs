using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SpineKit.Detection.Inference;
using SpineKit.Web;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit serve</c>: the browser page for correcting corners by hand, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on (loopback by default; port 0 picks a free one).", DefaultValueFactory = _ => SpineKitServerOptions.DefaultUrls };
        urls.Validators.Add(result =>
        {
            foreach (var url in (result.GetValueOrDefault<string>() ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--urls takes http://HOST:PORT addresses separated by ';', not '{url}'");
                }
            }
        });
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var command = new Command("serve", "Open radiographs in the browser, drag corners and see every other corner and the Cobb angles update.");
        command.Options.Add(urls);
        command.Options.Add(model);
        command.SetAction(parseResult =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var landmarkModel = LandmarkModel.Load(ModelLocator.Resolve(parseResult.GetValue(model), ModelLocator.LandmarkModel));
            using var app = SpineKitServer.Create(landmarkModel, new SpineKitServerOptions { Urls = parseResult.GetValue(urls)!, ConsoleLogging = true });
            app.Start();
            foreach (var address in SpineKitServer.Addresses(app))
            {
                console.WriteLine($"SpineKit is serving on {address} (open it in a browser; Ctrl+C stops)");
            }

            app.WaitForShutdown();
            return ExitCodes.Success;
        });
        return command;
    }
}
