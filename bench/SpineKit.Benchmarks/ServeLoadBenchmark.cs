using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpineKit.Detection.Inference;
using SpineKit.Web;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>serve-load MODEL IMAGE [CLIENTS] [SECONDS] [BUDGET_MIB] [--corner-only]</c>: the correction server under many
/// users, with the stages <c>spinekit serve</c> loads by default (the locator, level classifier and refiner found beside
/// MODEL; <c>--corner-only</c> runs MODEL alone). It starts
/// the real server in this process on a loopback port, then CLIENTS clients (20) each loop for SECONDS (120) as the
/// page does: upload IMAGE, drag one corner through ten refines, read the analysis JSON, close the session. Only a
/// 503 with Retry-After is an acceptable refusal (the client waits as told); anything else non-2xx is an error.
/// Prints one JSON line: requests, error rate, 503s, refine and analyze p50/p99 milliseconds, the peak working set
/// of the process (server and clients) and the most bytes the session store counted, against the budget.
/// </summary>
internal static class ServeLoadBenchmark
{
    public const string Usage = "MODEL IMAGE [CLIENTS] [SECONDS] [BUDGET_MIB] [--corner-only]  20 users analysing and refining on `spinekit serve` (with the locator, level classifier and refiner beside MODEL): errors, latency, memory";

    private const int RefinesPerImage = 10;

    public static int Run(string[] args)
    {
        var cornerOnly = args.Contains("--corner-only");
        args = [.. args.Where(a => a != "--corner-only")];
        if (args.Length is < 2 or > 5 || !File.Exists(args[0]) || !File.Exists(args[1]))
        {
            Console.Error.WriteLine($"usage: serve-load {Usage}");
            return 2;
        }

        var clients = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var duration = TimeSpan.FromSeconds(args.Length >= 4 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 120);
        var budget = (args.Length == 5 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 2048) << 20;
        return RunAsync(Detector(args[0], cornerOnly), File.ReadAllBytes(args[1]), clients, duration, budget).GetAwaiter().GetResult();
    }

    /// <summary>MODEL with the shipped stages found beside it (each only when its file is there), or alone.</summary>
    private static LandmarkDetector Detector(string modelPath, bool cornerOnly)
    {
        string? Beside(string name) => !cornerOnly && Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, name) is var path && File.Exists(path) ? path : null;
        var locator = Beside("spinekit-locator-ap.safetensors");
        var refiner = Beside("spinekit-refiner-ap.safetensors");
        var levels = locator is null ? null : Beside("spinekit-levels-ap.safetensors");
        return new LandmarkDetector(
            LandmarkModel.Load(modelPath),
            locator is null ? null : LandmarkModel.Load(locator),
            refiner is null ? null : Detection.Refinement.CornerRefinerModel.Load(refiner),
            levels is null ? null : Detection.LevelNaming.LevelClassifierModel.Load(levels));
    }

    private static async Task<int> RunAsync(LandmarkDetector detector, byte[] image, int clients, TimeSpan duration, long budget)
    {
        var options = new SpineKitServerOptions { Urls = "http://127.0.0.1:0", MaxSessionBytes = budget };
        await using var app = SpineKitServer.Create(detector, options);
        await app.StartAsync();
        var store = SpineKitServer.Service(app).Sessions;
        using var http = new HttpClient { BaseAddress = SpineKitServer.Addresses(app).Single(), Timeout = TimeSpan.FromMinutes(5) };
        var tally = new Tally();

        // One warm-up cycle so JIT compilation is not counted.
        await CycleAsync(http, image, new Tally(), CancellationToken.None);
        var peakStoreBytes = 0L;
        using var stop = new CancellationTokenSource(duration);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakStoreBytes = Math.Max(peakStoreBytes, store.UsedBytes);
                await Task.Delay(50, CancellationToken.None);
            }
        });
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await CycleAsync(http, image, tally, stop.Token);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await sampler;
        await app.StopAsync();

        var refine = tally.Milliseconds("refine");
        var analyze = tally.Milliseconds("analyze");
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\": \"serve-load\", \"stages\": \"{(detector.Locator is null ? "corner model" : "all")}\", \"clients\": {clients}, \"seconds\": {elapsed:0.0}, \"threads\": {Environment.ProcessorCount}, \"requests\": {tally.Requests}, "
            + $"\"errors\": {tally.Errors}, \"error_rate\": {(double)tally.Errors / Math.Max(1, tally.Requests):0.0000}, \"busy_503\": {tally.Busy}, "
            + $"\"refines\": {refine.Count}, \"refine_p50_ms\": {Percentile(refine, 0.5):0}, \"refine_p99_ms\": {Percentile(refine, 0.99):0}, "
            + $"\"analyzes\": {analyze.Count}, \"analyze_p50_ms\": {Percentile(analyze, 0.5):0}, \"analyze_p99_ms\": {Percentile(analyze, 0.99):0}, "
            + $"\"peak_working_set_mb\": {peak:0}, \"peak_store_mb\": {peakStoreBytes / (1024.0 * 1024.0):0}, \"budget_mb\": {budget >> 20}, "
            + $"\"first_errors\": {JsonSerializer.Serialize(tally.FirstErrors.Take(5).ToList())}}}"));
        return tally.Errors == 0 ? 0 : 1;
    }

    // One user's image: upload, ten refines that drag T8's top-left corner, read the JSON, close.
    private static async Task CycleAsync(HttpClient http, byte[] image, Tally tally, CancellationToken stop)
    {
        string? id = null;
        JsonElement prediction = default;
        while (id is null)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", "load.jpg");
            var (status, body, retry) = await tally.TimeAsync("analyze", () => http.PostAsync("/api/analyze", form, CancellationToken.None));
            if (status == HttpStatusCode.ServiceUnavailable && retry is { } wait)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(wait, CancellationToken.None);
                continue;
            }

            if (status != HttpStatusCode.OK)
            {
                return;
            }

            var root = JsonDocument.Parse(body).RootElement;
            id = root.GetProperty("id").GetString()!;
            prediction = root.GetProperty("prediction").Clone();
        }

        var corner = prediction.GetProperty("vertebrae").EnumerateArray().First(v => v.GetProperty("level").GetString() == "T8").GetProperty("corners").GetProperty("tl");
        var (x, y) = (corner.GetProperty("x").GetDouble(), corner.GetProperty("y").GetDouble());
        for (var step = 1; step <= RefinesPerImage; step++)
        {
            var json = string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"hints\":[{{\"level\":\"T8\",\"corner\":\"tl\",\"x\":{x + (1.5 * step):0.##},\"y\":{y + (0.75 * step):0.##}}}]}}");
            await tally.TimeAsync("refine", () => http.PostAsync("/api/refine", new StringContent(json, Encoding.UTF8, "application/json"), CancellationToken.None));
        }

        await tally.TimeAsync("json", () => http.GetAsync($"/api/sessions/{id}/analysis.json", CancellationToken.None));
        await tally.TimeAsync("close", () => http.DeleteAsync($"/api/sessions/{id}", CancellationToken.None));
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * fraction))];

    private sealed class Tally
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _milliseconds = new(StringComparer.Ordinal);
        private int _requests;
        private int _errors;
        private int _busy;

        public int Requests => _requests;

        public int Errors => _errors;

        public int Busy => _busy;

        public ConcurrentQueue<string> FirstErrors { get; } = new();

        public List<double> Milliseconds(string kind) =>
            _milliseconds.TryGetValue(kind, out var bag) ? bag.Order().ToList() : [];

        public async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> TimeAsync(string kind, Func<Task<HttpResponseMessage>> send)
        {
            var started = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync();
                var retry = response.Headers.RetryAfter?.Delta;
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && retry is not null)
                {
                    Interlocked.Increment(ref _busy);
                }
                else if (!response.IsSuccessStatusCode)
                {
                    Error($"{kind} {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
                }
                else
                {
                    _milliseconds.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                return (response.StatusCode, body, retry);
            }
            catch (HttpRequestException exception)
            {
                Error($"{kind}: {exception.Message}");
                return (0, string.Empty, null);
            }
        }

        private void Error(string what)
        {
            Interlocked.Increment(ref _errors);
            if (FirstErrors.Count < 5)
            {
                FirstErrors.Enqueue(what);
            }
        }
    }
}
