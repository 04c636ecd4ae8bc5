using System.Text.Json;
using Json.Schema;
using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// Save and resume in Chromium: corrections and hand-drawn measurements saved as one JSON file (checked against the
/// published schema), the warning before leaving with unsaved work, and a reload followed by Resume giving back the
/// same corners, angles and measurements.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserSessionTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(RepositoryFiles.Root, "docs", "schemas", "spinekit.analysis-1.schema.json"));

    private const string BeforeUnloadPrevented =
        "(() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()";

    [Fact]
    public async Task SaveReloadAndResume_GivesBackTheSameCornersAnglesAndMeasurements()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        var automatic = await harness.JsonAsync("window.spineKit.prediction()");
        Assert.False(await page.EvaluateAsync<bool>(BeforeUnloadPrevented), "the automatic result alone is no work to lose");

        // Two corrections: T8's top-left corner clicked and moved down three pixels by keyboard, L2's bottom-right dragged.
        var t8 = await harness.ScreenPointAsync("T8", "tl");
        await page.Mouse.ClickAsync((float)t8.X, (float)t8.Y);
        Assert.Equal("T8/tl", await page.EvaluateAsync<string>("(() => { const s = window.spineKit.selected(); return s.level + '/' + s.corner; })()"));
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await harness.WaitSyncedAsync(1);
        var l2 = await harness.ScreenPointAsync("L2", "br");
        await harness.DragAsync((int)Math.Round(l2.X), (int)Math.Round(l2.Y), (int)Math.Round(l2.X) + 6, (int)Math.Round(l2.Y) + 5);
        await harness.WaitSyncedAsync(2);

        // Two measurements by hand: a Cobb angle (two lines) and a length, left of the spine.
        var box = await harness.CanvasBoxAsync();
        var left = (int)(box.X + 30);
        var top = (int)(box.Y + (box.Height / 3));
        await page.Keyboard.PressAsync("a");
        await harness.DragAsync(left, top, left + 120, top + 20);
        await harness.DragAsync(left, top + 120, left + 120, top + 90);
        await page.Keyboard.PressAsync("l");
        await harness.DragAsync(left, top + 200, left + 40, top + 300);
        await page.Keyboard.PressAsync("c");
        await page.Locator("#canvas[data-mark-count='2']").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>(BeforeUnloadPrevented), "unsaved corrections must ask before leaving");

        var corners = ApiResponses.Corners(await harness.JsonAsync("window.spineKit.prediction()")).ToList();
        var angles = await page.Locator("#angles").InnerTextAsync();
        var curves = await page.Locator("#curves").InnerTextAsync();
        var marks = await page.Locator("#marks").InnerTextAsync();

        // Save: one download, the analysis schema with the corrections, the automatic result and the measurements.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#save").ClickAsync());
        Assert.Equal("ap-radiograph.json", download.SuggestedFilename);
        var saved = Path.Combine(BrowserHarness.ArtifactFolder, "saved-session.json");
        await download.SaveAsAsync(saved);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(saved)))
        {
            var root = document.RootElement;
            var result = Schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
            Assert.True(result.IsValid, string.Join("\n", errors));
            Assert.Equal(2, root.GetProperty("corrections").GetArrayLength());
            Assert.Equal(corners, ApiResponses.Corners(root).ToList());
            Assert.Equal(ApiResponses.Corners(automatic).ToList(), ApiResponses.Corners(root.GetProperty("automatic")).ToList());
            Assert.NotEqual(ApiResponses.Corner(root.GetProperty("automatic"), "T8", "tl"), ApiResponses.Corner(root, "T8", "tl"));
            var saveMarks = root.GetProperty("manualMarks").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToList();
            Assert.Equal(["cobbAngle", "length"], saveMarks);
        }

        Assert.False(await page.EvaluateAsync<bool>(BeforeUnloadPrevented), "a saved session leaves without asking");

        // One more measurement, not saved: reloading now shows the browser's leave-page warning, which the user accepts.
        await page.Keyboard.PressAsync("l");
        await harness.DragAsync(left, top + 320, left + 60, top + 330);
        await page.Locator("#canvas[data-mark-count='3']").WaitForAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.AcceptAsync();
        };
        await page.ReloadAsync();
        Assert.Equal(["beforeunload"], dialogs);
        Assert.Equal("0", await page.Locator("#canvas").GetAttributeAsync("data-hint-count"));

        // Resume: the film, then the saved file.
        await harness.OpenSampleAsync();
        await page.Locator("#import").SetInputFilesAsync(saved);
        await harness.WaitSyncedAsync(2);
        await page.Locator("#canvas[data-mark-count='2']").WaitForAsync();

        var resumed = ApiResponses.Corners(await harness.JsonAsync("window.spineKit.prediction()")).ToList();
        Assert.Equal(corners.Count, resumed.Count);
        foreach (var (before, after) in corners.Zip(resumed))
        {
            Assert.Equal((before.Level, before.Corner), (after.Level, after.Corner));
            Assert.True(Math.Abs(before.X - after.X) < 1e-6 && Math.Abs(before.Y - after.Y) < 1e-6, $"{before} came back as {after}");
        }

        Assert.Equal(angles, await page.Locator("#angles").InnerTextAsync());
        Assert.Equal(curves, await page.Locator("#curves").InnerTextAsync());

        // The corrections keep the times they were placed, not the time of the resume.
        var corrections = (JsonElement element) => element.GetProperty("corrections").EnumerateArray().Select(c => c.GetRawText()).ToList();
        var server = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => await (await fetch(document.getElementById('export-json').href)).text()")).RootElement.Clone();
        using (var savedDocument = JsonDocument.Parse(await File.ReadAllTextAsync(saved)))
        {
            Assert.Equal(corrections(savedDocument.RootElement), corrections(server));
        }

        Assert.Equal(marks, await page.Locator("#marks").InnerTextAsync());
        Assert.False(await page.EvaluateAsync<bool>(BeforeUnloadPrevented), "a session just resumed has nothing unsaved");
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "resumed-session.png") });
    }

    [Fact]
    public async Task ResumeBeforeTheFilm_WaitsForIt_AndRefusesAnotherFilmsSession()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;

        // A session saved elsewhere: the sample with one correction, through the API.
        var analysed = await ApiResponses.JsonAsync(await harness.Server.AnalyzeAsync(await File.ReadAllBytesAsync(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;
        var (x, y) = ApiResponses.Corner(analysed.GetProperty("prediction"), "T10", "br");
        var refined = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(harness.Server.Client, id, ("T10", "br", x + 4, y + 7)));
        var file = Path.Combine(BrowserHarness.ArtifactFolder, "api-session.json");
        await File.WriteAllBytesAsync(file, await harness.Server.Client.GetByteArrayAsync($"/api/sessions/{id}/analysis.json"));

        // The saved file first: the page asks for its film, then applies the correction once it is open.
        await page.Locator("#import").SetInputFilesAsync(file);
        // The page reads the file asynchronously: wait for the request rather than read the status at once.
        await page.Locator("#status", new PageLocatorOptions { HasTextString = "Now open ap-radiograph.jpg" }).WaitForAsync();
        await page.Locator("#file").SetInputFilesAsync(RepositoryFiles.Sample);
        await harness.WaitSyncedAsync(1);
        var shown = await harness.JsonAsync("window.spineKit.prediction()");
        Assert.Equal(ApiResponses.Corners(refined.GetProperty("prediction")).ToList(), ApiResponses.Corners(shown).ToList());

        // The same file claiming another film's bytes is refused in a banner, and nothing changes.
        var text = (await File.ReadAllTextAsync(file)).Replace(analysed.GetProperty("prediction").GetProperty("provenance").GetProperty("imageSha256").GetString()!, new string('0', 64), StringComparison.Ordinal);
        await page.Locator("#import").SetInputFilesAsync(new FilePayload { Name = "other.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(text) });
        await page.Locator("#banner").WaitForAsync();
        Assert.Contains("belongs to another film", await page.Locator("#banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#canvas").GetAttributeAsync("data-hint-count"));
    }

    [Fact]
    public async Task TheHeartbeatKeepsTheSessionOpen_AndSaysSoWhenTheServerHasClosedIt()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();

        // One beat (the page sends one every third of the idle limit; here it is called at once): a POST that the server answers with its limit.
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("window.spineKit.heartbeat()"), r => r.Url.EndsWith("/keepalive", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        Assert.Equal("POST", response.Request.Method);
        Assert.Equal(600, (await response.JsonAsync())!.Value.GetProperty("idleTimeoutSeconds").GetInt32());
        Assert.False(await page.Locator("#banner").IsVisibleAsync());

        // The server lost the session (restarted, or closed it): the next beat tells the user instead of failing later.
        var id = response.Url.Split('/')[^2];
        Assert.True(harness.Server.Service.Sessions.Remove(id));
        await page.EvaluateAsync("window.spineKit.heartbeat()");
        await page.Locator("#banner").WaitForAsync();
        Assert.Contains("has closed this film's session", await page.Locator("#banner").InnerTextAsync(), StringComparison.Ordinal);
    }
}
