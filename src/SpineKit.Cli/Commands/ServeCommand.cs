using System.CommandLine;
using System.Net;
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
            foreach (var url in Split(result.GetValueOrDefault<string>()))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--urls takes http://HOST:PORT addresses separated by ';', not '{url}'");
                }
            }
        });
        var allowedHosts = new Option<string?>("--allowed-hosts")
        {
            Description = "Host names the server answers to, separated by ',' (default: localhost,127.0.0.1,[::1]; the hosts named in --urls are added). Any other Host is refused, which stops DNS rebinding.",
        };
        allowedHosts.Validators.Add(result =>
        {
            foreach (var host in Split(result.GetValueOrDefault<string?>()))
            {
                if (host != "*" && !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']'))
                {
                    result.AddError($"--allowed-hosts takes host names separated by ',', not '{host}'");
                }
            }
        });
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow --urls to listen on a non-loopback address. There is no authentication: anyone who can reach the port can open images and read them." };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var command = new Command("serve", "Open radiographs in the browser, drag corners and see every other corner and the Cobb angles update.");
        command.Options.Add(urls);
        command.Options.Add(allowedHosts);
        command.Options.Add(allowRemote);
        command.Options.Add(model);
        var refiner = DetectorLoader.RefinerOption();
        command.Options.Add(refiner);
        var locator = DetectorLoader.LocatorOption();
        command.Options.Add(locator);
        var levels = DetectorLoader.LevelClassifierOption();
        command.Options.Add(levels);
        var force = new Option<bool>("--force") { Description = "Measure uploads the film check refuses (not a spine film, lateral view) instead of answering 422." };
        command.Options.Add(force);
        command.Validators.Add(result =>
        {
            // Malformed addresses are --urls' own error.
            var remote = Split(result.GetValue(urls)).Where(url => Uri.TryCreate(url, UriKind.Absolute, out _) && !IsLoopback(url)).ToList();
            if (remote.Count > 0 && !result.GetValue(allowRemote))
            {
                result.AddError($"--urls {string.Join(";", remote)} listens beyond this machine and the server has no authentication; add --allow-remote to do it anyway");
            }
        });
        command.SetAction(parseResult =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var addresses = Split(parseResult.GetValue(urls)).ToList();
            var remote = addresses.Where(url => !IsLoopback(url)).ToList();
            if (remote.Count > 0)
            {
                // Said on the error stream so it is seen even when the output is redirected to a log.
                var error = parseResult.InvocationConfiguration.Error;
                error.WriteLine("spinekit: WARNING: listening beyond loopback on " + string.Join(", ", remote) + ".");
                error.WriteLine("spinekit: WARNING: there is NO authentication: anyone who can reach this port can upload, view and download radiographs.");
                error.WriteLine("spinekit: WARNING: only the host names in --allowed-hosts (and named in --urls) are answered; use it on a trusted network only.");
            }

            var hosts = (parseResult.GetValue(allowedHosts) is { } list ? Split(list) : SpineKitServerOptions.DefaultAllowedHosts)
                .Concat(addresses.Select(url => new Uri(url).Host).Where(host => !IsWildcard(host)).Select(host => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refiner), parseResult.GetValue(levels));
            using var app = SpineKitServer.Create(detector, new SpineKitServerOptions { Urls = parseResult.GetValue(urls)!, AllowedHosts = hosts, ConsoleLogging = true, MeasureRefusedFilms = parseResult.GetValue(force) });
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

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // localhost and loopback addresses stay on this machine; anything else (0.0.0.0, [::], a name, a LAN address) may not.
    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    private static bool IsWildcard(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
