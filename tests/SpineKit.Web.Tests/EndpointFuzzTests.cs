using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SpineKit.TestSupport;
using Xunit.Abstractions;

namespace SpineKit.Web.Tests;

/// <summary>
/// A seeded fuzz of every endpoint: no request, however malformed, gets a 500 (checked on the answers and on
/// the server's own audit line of every request, which also covers connections the client gave up on), and a
/// session opened before the storm still analyses, exports and refines afterwards.
/// </summary>
public sealed partial class EndpointFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 2400;
    private const int Seed = 20261202;

    [Fact]
    public async Task SeededFuzz_NeverAnswers500_AndALiveSessionStaysUsable()
    {
        var audit = new CapturingLogger();
        await using var server = await RunningServer.StartAsync(maxSessions: 16, evictionGrace: TimeSpan.FromMinutes(30), auditLog: audit);
        var sample = File.ReadAllBytes(RepositoryFiles.Sample);
        var liveId = (await ApiResponses.JsonAsync(await server.AnalyzeAsync(sample))).GetProperty("id").GetString()!;
        var victimId = (await ApiResponses.JsonAsync(await server.AnalyzeAsync(sample))).GetProperty("id").GetString()!;
        var baseline = await server.Client.GetStringAsync($"/api/sessions/{liveId}/landmarks.csv");

        var generator = new FuzzRequests(Seed, server.Address, liveId, victimId, sample);
        var cases = new ConcurrentQueue<(string Kind, HttpRequestMessage? Http, byte[]? Raw)>(Enumerable.Range(0, Requests).Select(_ => generator.Next()));
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();

        // Four clients at once, so the checks also run under concurrency.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (cases.TryDequeue(out var item))
            {
                var status = item.Http is { } request ? await SendAsync(client, request) : await SendRawAsync(server.Address, item.Raw!);
                statuses.AddOrUpdate($"{item.Kind} {status}", 1, (_, n) => n + 1);
                if (status == "500")
                {
                    failures.Enqueue($"{item.Kind}: {item.Http?.Method} {item.Http?.RequestUri}");
                }
            }
        })));
        watch.Stop();

        output.WriteLine($"{Requests} requests in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var (key, count) in statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {count}");
        }

        Assert.True(failures.IsEmpty, "500 answers: " + string.Join("; ", failures.Take(10)));
        var served = audit.Lines.Select(line => AuditStatus().Match(line.Line)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(served.Count > Requests / 2, $"only {served.Count} audit lines");
        Assert.DoesNotContain(500, served);

        // Every kind of case produced refusals, and some requests were served normally.
        Assert.Contains(statuses.Keys, key => key == "refine 400");
        Assert.Contains(statuses.Keys, key => key == "analyze 400");
        Assert.Contains(statuses.Keys, key => key == "headers 403");
        Assert.Contains(statuses.Keys, key => key == "refine 200");

        // The live session answers every export with valid content and accepts a good correction.
        var json = await ApiResponses.JsonAsync(await server.Client.GetAsync($"/api/sessions/{liveId}/analysis.json"));
        Assert.Equal("spinekit.analysis/1", json.GetProperty("schema").GetString());
        var angles = (await server.Client.GetStringAsync($"/api/sessions/{liveId}/angles.csv")).TrimEnd('\n').Split(',');
        Assert.All(angles, value => Assert.True(double.IsFinite(double.Parse(value, CultureInfo.InvariantCulture)), value));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/sessions/{liveId}/image.png")).StatusCode);
        await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, liveId));
        Assert.Equal(baseline, await server.Client.GetStringAsync($"/api/sessions/{liveId}/landmarks.csv"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"the fuzz took {watch.Elapsed}");
    }

    private static async Task<string> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException exception)
            {
                // The server may close a connection on a broken request (Kestrel does for bad chunking, for example).
                return "closed:" + exception.HttpRequestError;
            }
        }
    }

    private static async Task<string> SendRawAsync(Uri server, byte[] bytes)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Host, server.Port);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
            socket.Client.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(stream);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var line = await reader.ReadLineAsync(timeout.Token);
            return line?.Split(' ') is [_, var code, ..] ? code : "closed";
        }
        catch (IOException)
        {
            return "reset";
        }
    }

    [GeneratedRegex(" ([0-9]{3}) [0-9.]+ ms session ")]
    private static partial Regex AuditStatus();
}
