using System.Text.Json;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>The session's exported analysis says which corners a person placed, where and when (issue #19).</summary>
public sealed class CorrectionExportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnalysisJson_ListsEveryCorrectionWithTheTimeItWasPlaced()
    {
        var clock = new ManualClock(Start);
        await using var server = await RunningServer.StartAsync(clock);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;
        Assert.Empty(Corrections(await Export(server, id)));
        var (x, y) = ApiResponses.Corner(analysed.GetProperty("prediction"), "T8", "tl");
        var moved = (X: Math.Round(x + 23.25, 2), Y: Math.Round(y + 17.5, 2));

        await Refine(server, id, ("T8", "tl", moved.X, moved.Y));
        clock.Advance(TimeSpan.FromSeconds(95));

        // The page sends every correction again: the unchanged one keeps its time, the new one gets the present.
        await Refine(server, id, ("T8", "tl", moved.X, moved.Y), ("L2", "br", 420.5, 1900.25));
        var exported = await Export(server, id);

        Assert.Equal(
            [("T8", "tl", moved.X, moved.Y, "2026-12-06T09:30:00Z"), ("L2", "br", 420.5, 1900.25, "2026-12-06T09:31:35Z")],
            Corrections(exported));
        Assert.Equal(moved, ApiResponses.Corner(exported, "T8", "tl"));
        Assert.Equal("2026-12-06T09:31:35Z", exported.GetProperty("provenance").GetProperty("analyzedAt").GetString()); // the same clock

        // Moving a corrected corner again is a new correction; undoing one removes it.
        clock.Advance(TimeSpan.FromSeconds(10));
        var answer = await Refine(server, id, ("T8", "tl", moved.X + 1, moved.Y));
        Assert.Equal([("T8", "tl", moved.X + 1, moved.Y, "2026-12-06T09:31:45Z")], Corrections(await Export(server, id)));
        Assert.Equal(Corrections(await Export(server, id)), Corrections(answer.GetProperty("prediction")));

        // Reset to the automatic result: no correction is left.
        await Refine(server, id);
        Assert.Empty(Corrections(await Export(server, id)));
    }

    [Fact]
    public async Task AResumedCorrection_KeepsTheTimeItWasPlaced_ButNotOneInTheFuture()
    {
        var clock = new ManualClock(Start);
        await using var server = await RunningServer.StartAsync(clock);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;
        var (x, y) = ApiResponses.Corner(analysed.GetProperty("prediction"), "T8", "tl");
        var moved = (X: Math.Round(x + 6.5, 2), Y: Math.Round(y + 3.25, 2));

        // The saved time travels with the hint; a hint without one is placed now.
        await ApiResponses.JsonAsync(await server.Client.PostAsync("/api/refine", Body(id, $"{{\"level\": \"T8\", \"corner\": \"tl\", \"x\": {moved.X}, \"y\": {moved.Y}, \"at\": \"2026-12-01T08:15:00Z\"}}", "{\"level\": \"L2\", \"corner\": \"br\", \"x\": 420.5, \"y\": 1900.25}")));
        Assert.Equal(
            [("T8", "tl", moved.X, moved.Y, "2026-12-01T08:15:00Z"), ("L2", "br", 420.5, 1900.25, "2026-12-06T09:30:00Z")],
            Corrections(await Export(server, id)));

        // Sent again later without the time (the page's next refine), it keeps it; moved, it is a new correction.
        clock.Advance(TimeSpan.FromMinutes(3));
        await Refine(server, id, ("T8", "tl", moved.X, moved.Y), ("L2", "br", 420.5, 1900.25));
        Assert.Equal("2026-12-01T08:15:00Z", Corrections(await Export(server, id))[0].Item5);
        await Refine(server, id, ("T8", "tl", moved.X + 1, moved.Y));
        Assert.Equal("2026-12-06T09:33:00Z", Corrections(await Export(server, id))[0].Item5);

        // A time after the server's present, or not in the schema's form, is a 400 that leaves the session as it was.
        var future = await ApiResponses.ErrorAsync(
            await server.Client.PostAsync("/api/refine", Body(id, "{\"level\": \"T9\", \"corner\": \"tl\", \"x\": 300, \"y\": 1000, \"at\": \"2026-12-06T10:00:00Z\"}")),
            System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("hints[0].at lies in the future", future, StringComparison.Ordinal);
        var malformed = await ApiResponses.ErrorAsync(
            await server.Client.PostAsync("/api/refine", Body(id, "{\"level\": \"T9\", \"corner\": \"tl\", \"x\": 300, \"y\": 1000, \"at\": \"yesterday\"}")),
            System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("hints[0].at must be the UTC time", malformed, StringComparison.Ordinal);
        Assert.Equal([("T8", "tl", moved.X + 1, moved.Y, "2026-12-06T09:33:00Z")], Corrections(await Export(server, id)));
    }

    private static StringContent Body(string id, params string[] hints) =>
        new($"{{\"id\": \"{id}\", \"hints\": [{string.Join(", ", hints)}]}}", System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Refine(RunningServer server, string id, params (string Level, string Corner, double X, double Y)[] hints) =>
        await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id, hints));

    private static async Task<JsonElement> Export(RunningServer server, string id) =>
        JsonDocument.Parse(await server.Client.GetStringAsync($"/api/sessions/{id}/analysis.json")).RootElement;

    private static List<(string?, string?, double, double, string?)> Corrections(JsonElement analysis) =>
        [.. analysis.GetProperty("corrections").EnumerateArray().Select(c => (
            c.GetProperty("level").GetString(),
            c.GetProperty("corner").GetString(),
            c.GetProperty("x").GetDouble(),
            c.GetProperty("y").GetDouble(),
            c.GetProperty("at").GetString()))];
}
