using System.CommandLine;
using System.Globalization;
using SpineKit.Detection.Pacs;

namespace SpineKit.Cli.Commands;

/// <summary>
/// <c>spinekit pacs</c>: finds AP spine films in a DICOMweb archive, analyses each once and stores its report
/// (SR) and overlay (Secondary Capture) back into its study. Credentials come from the environment or a file.
/// </summary>
internal static class PacsCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The DICOMweb root, e.g. https://pacs.example.org/dicom-web/ (Orthanc: http://host:8042/dicom-web/).", Required = true };
        var since = new Option<string?>("--since") { Description = "Only studies dated on or after this day (yyyy-MM-dd)." };
        var modality = new Option<string>("--modality") { Description = "Modalities to search, comma-separated.", DefaultValueFactory = _ => "CR,DX" };
        var bodyPart = new Option<string?>("--body-part") { Description = "Body Part Examined to match (e.g. SPINE); any when left out." };
        var once = new Option<bool>("--once") { Description = "One pass, then exit (the default)." };
        var watch = new Option<bool>("--watch") { Description = "A pass every --interval seconds until interrupted." };
        var interval = new Option<int>("--interval") { Description = "Seconds between passes with --watch.", DefaultValueFactory = _ => 300 };
        var jobs = new Option<int>("--jobs") { Description = "Instances in flight at once (fetching and storing overlap; analysis runs one at a time).", DefaultValueFactory = _ => 2 };
        var credentials = new Option<FileInfo?>("--credentials") { Description = "File whose first line is 'Bearer TOKEN' or 'Basic USER:PASSWORD' (else SPINEKIT_PACS_TOKEN, or SPINEKIT_PACS_USER and SPINEKIT_PACS_PASSWORD)." };
        var model = new Option<string?>("--model") { Description = $"Model file (default: models/{ModelLocator.LandmarkModel})." };
        var locator = DetectorLoader.LocatorOption();
        var refiner = DetectorLoader.RefinerOption();
        var levels = DetectorLoader.LevelClassifierOption();
        var command = new Command("pacs", "Analyse new AP spine films in a DICOMweb archive and store their reports back (QIDO-RS, WADO-RS, STOW-RS).");
        foreach (var option in new Option[] { url, since, modality, bodyPart, once, watch, interval, jobs, credentials, model, locator, refiner, levels })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellation) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var errors = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(once) && parseResult.GetValue(watch))
            {
                errors.WriteLine("spinekit: --once and --watch exclude each other");
                return ExitCodes.UsageError;
            }

            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
            {
                errors.WriteLine($"spinekit: --url '{parseResult.GetValue(url)}' is not an http or https URL");
                return ExitCodes.UsageError;
            }

            if (root.UserInfo.Length > 0)
            {
                // A password in the URL would sit in the shell history and the process list: refuse it.
                errors.WriteLine("spinekit: --url must not hold credentials; use SPINEKIT_PACS_TOKEN, SPINEKIT_PACS_USER/SPINEKIT_PACS_PASSWORD or --credentials FILE");
                return ExitCodes.UsageError;
            }

            DateOnly? from = null;
            if (parseResult.GetValue(since) is { } day)
            {
                if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    errors.WriteLine($"spinekit: --since '{day}' is not a date (yyyy-MM-dd)");
                    return ExitCodes.UsageError;
                }

                from = parsed;
            }

            if (parseResult.GetValue(jobs) < 1 || parseResult.GetValue(interval) < 1)
            {
                errors.WriteLine("spinekit: --jobs and --interval must be at least 1");
                return ExitCodes.UsageError;
            }

            var query = new PacsQuery(from, [.. parseResult.GetValue(modality)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], parseResult.GetValue(bodyPart));
            var authorization = PacsCredentials.Resolve(parseResult.GetValue(credentials)?.FullName, Environment.GetEnvironmentVariable);
            var detector = DetectorLoader.Create(parseResult.GetValue(model), parseResult.GetValue(locator), parseResult.GetValue(refiner), parseResult.GetValue(levels));
            using var client = new DicomWebClient(root, authorization);
            var gate = new object();
            var worker = new PacsWorker(client, detector, SpineKitApp.Version, line =>
            {
                lock (gate)
                {
                    output.WriteLine(line);
                }
            }, parseResult.GetValue(jobs));
            output.WriteLine($"spinekit {SpineKitApp.Version} (research use only, not for diagnosis): searching {string.Join(", ", query.Modalities)} at {root.GetLeftPart(UriPartial.Path)}");
            if (!parseResult.GetValue(watch))
            {
                var summary = await worker.RunOnceAsync(query, cancellation).ConfigureAwait(false);
                output.WriteLine(summary.ToString());
                return summary.Failed > 0 ? ExitCodes.ProcessingError : ExitCodes.Success;
            }

            // Watching: a pass, a pause, until interrupted; an archive that is down for a while is reported and tried again.
            while (!cancellation.IsCancellationRequested)
            {
                try
                {
                    output.WriteLine((await worker.RunOnceAsync(query, cancellation).ConfigureAwait(false)).ToString());
                }
                catch (DicomWebException exception)
                {
                    errors.WriteLine($"spinekit: {exception.Message}; next pass in {parseResult.GetValue(interval)} s");
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
