using System.Net;
using Microsoft.Extensions.Logging;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>One audit line per request, with what an operator needs and nothing that identifies a patient.</summary>
public sealed class AuditLogTests
{
    [Fact]
    public async Task EachRequest_LogsMethodRouteStatusTimeAndIdPrefix_NeverTheFileNameOrFullId()
    {
        var sink = new CapturingLogger();
        await using var server = await RunningServer.StartAsync(auditLog: sink);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample), "Doe_Jane_1961-04-02.jpg"));
        var id = analysed.GetProperty("id").GetString()!;

        // Each line is awaited before the next request: a line is written after its response goes out.
        await sink.WaitForLinesAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/sessions/{id}/image.png?patient=Doe")).StatusCode);
        await sink.WaitForLinesAsync(2);
        await ApiResponses.ErrorAsync(await server.Client.GetAsync("/api/Doe_Jane/records"), HttpStatusCode.NotFound);
        await sink.WaitForLinesAsync(3);
        await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(server.Client, id, ("C5", "tl", 1, 1)), HttpStatusCode.BadRequest);
        await sink.WaitForLinesAsync(4);

        var lines = sink.Lines.ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.Matches($"^POST /api/analyze 200 [0-9.]+ ms session {id[..8]}$", lines[0].Line);
        Assert.Matches($"^GET /api/sessions/{{id}}/image.png 200 [0-9.]+ ms session {id[..8]}$", lines[1].Line);
        Assert.Matches("^GET \\(no route\\) 404 [0-9.]+ ms session -$", lines[2].Line);
        Assert.Matches($"^POST /api/refine 400 [0-9.]+ ms session {id[..8]}$", lines[3].Line);
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain("Doe", line.Line, StringComparison.Ordinal);
            Assert.DoesNotContain(id, line.Line, StringComparison.Ordinal);
        });
    }
}
