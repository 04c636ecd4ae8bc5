using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>Several films opened at once, stepped through with next and previous, each keeping its state, in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserFilmFolderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-web-films-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task NextAndPrevious_ShowProgress_AndEachFilmKeepsItsCorrectionsEditsAndMeasurements()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;

        // Three copies of the sample under other names, chosen in another order: shown sorted by name.
        var names = new[] { "film-10.jpg", "film-2.jpg", "film-1.jpg" };
        var paths = names.Select(n => Path.Combine(_folder.FullName, n)).ToArray();
        foreach (var path in paths)
        {
            File.Copy(RepositoryFiles.Sample, path);
        }

        await page.Locator("#file").SetInputFilesAsync(paths);
        await WaitFilmAsync(harness, 1);
        Assert.Equal("1 of 3", await page.Locator("#film-progress").InnerTextAsync());
        Assert.Equal(["film-1.jpg", "film-2.jpg", "film-10.jpg"], (await harness.JsonAsync("window.spineKit.films()")).GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.True(await page.Locator("#film-previous").IsDisabledAsync());

        // Film 1: a keyboard correction and a deleted vertebra.
        await page.Locator("#canvas").FocusAsync();
        await page.Keyboard.PressAsync("]");
        await page.Keyboard.PressAsync("ArrowRight");
        await harness.WaitSyncedAsync(1);
        var corrected = await harness.JsonAsync("window.spineKit.hints()");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra L5", Exact = true }).ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='16'][data-synced='true']").WaitForAsync();

        // Film 2 (the N key): its own automatic result; a length drawn on it.
        await page.Locator("#canvas").FocusAsync();
        await page.Keyboard.PressAsync("n");
        await WaitFilmAsync(harness, 2);
        Assert.Equal("2 of 3", await page.Locator("#film-progress").InnerTextAsync());
        Assert.Equal("17", await page.Locator("#canvas").GetAttributeAsync("data-vertebra-count"));
        Assert.Equal("0", await page.Locator("#canvas").GetAttributeAsync("data-hint-count"));
        await page.Locator("#tool-length").ClickAsync();
        var box = await harness.CanvasBoxAsync();
        await harness.DragAsync((int)box.X + 40, (int)box.Y + 100, (int)box.X + 120, (int)box.Y + 160);
        await page.Locator("#canvas[data-mark-count='1']").WaitForAsync();

        // Back to film 1: its correction (at the same place) and its deleted L5 are there; the unsaved work is known.
        await page.Locator("#film-previous").ClickAsync();
        await WaitFilmAsync(harness, 1);
        await page.Locator("#canvas[data-vertebra-count='16'][data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var hint = (await harness.JsonAsync("window.spineKit.hints()"))[0];
        Assert.Equal(corrected[0].GetProperty("x").GetDouble(), hint.GetProperty("x").GetDouble());
        Assert.Equal(corrected[0].GetProperty("level").GetString(), hint.GetProperty("level").GetString());
        Assert.Equal("0", await page.Locator("#canvas").GetAttributeAsync("data-mark-count"));
        Assert.True(await page.EvaluateAsync<bool>("window.spineKit.anyFilmDirty()"));

        // Film 2 again: its length.
        await page.Locator("#film-next").ClickAsync();
        await WaitFilmAsync(harness, 2);
        await page.Locator("#canvas[data-mark-count='1'][data-vertebra-count='17']").WaitForAsync();
        Assert.Equal("2 of 3", await page.Locator("#film-progress").InnerTextAsync());
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    [Fact]
    public async Task ReturningToAFilm_AnalysesNothingAgain_AndItsUndoHistoryGoesOn()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        var paths = new[] { "a.jpg", "b.jpg" }.Select(n => Path.Combine(_folder.FullName, n)).ToArray();
        foreach (var path in paths)
        {
            File.Copy(RepositoryFiles.Sample, path);
        }

        var analyses = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/analyze", StringComparison.Ordinal))
            {
                analyses.Add(request.Url);
            }
        };

        await page.Locator("#file").SetInputFilesAsync(paths);
        await WaitFilmAsync(harness, 1, 2);

        // Film 1: a corner nudged (a refine), then L5 deleted (an edit): two steps of history.
        await page.Locator("#canvas").FocusAsync();
        await page.Keyboard.PressAsync("]");
        await page.Keyboard.PressAsync("ArrowRight");
        await harness.WaitSyncedAsync(1);
        var corrected = await harness.JsonAsync("window.spineKit.prediction()");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra L5", Exact = true }).ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='16'][data-synced='true']").WaitForAsync();

        await page.Locator("#film-next").ClickAsync();
        await WaitFilmAsync(harness, 2, 2);
        Assert.Equal(2, analyses.Count);
        var kept = (await harness.JsonAsync("window.spineKit.films()")).GetProperty("kept");
        Assert.Equal(32, kept[0].GetString()!.Length);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept[1].ValueKind);

        // Back to film 1: no new analysis; its corrected prediction, its edit and both steps of its history are there.
        await page.Locator("#film-previous").ClickAsync();
        await WaitFilmAsync(harness, 1, 2);
        await page.Locator("#canvas[data-vertebra-count='16'][data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(2, analyses.Count);
        Assert.Equal(corrected.GetProperty("vertebrae").GetRawText(), (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("vertebrae").GetRawText());
        Assert.False(await page.Locator("#undo").IsDisabledAsync());
        await page.Locator("#undo").ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='17'][data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("#undo").ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='17'][data-hint-count='0'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.True(await page.Locator("#undo").IsDisabledAsync());

        // The refine after undo went to film 1's own session: its export is the automatic result again.
        var id = await page.EvaluateAsync<string>("document.getElementById('export-json').href");
        var exported = System.Text.Json.JsonDocument.Parse(await page.EvaluateAsync<string>($"async () => await (await fetch('{id}')).text()")).RootElement;
        Assert.Empty(exported.GetProperty("corrections").EnumerateArray());
        Assert.Equal(2, analyses.Count);

        // Redo once (the correction is back), leave, and let the server close film 1's session: on return the film is
        // analysed again, its state replayed, and its history still there.
        await page.Locator("#redo").ClickAsync();
        await harness.WaitSyncedAsync(1);
        await page.Locator("#film-next").ClickAsync();
        await WaitFilmAsync(harness, 2, 2);
        var closed = (await harness.JsonAsync("window.spineKit.films()")).GetProperty("kept")[0].GetString();
        Assert.Equal(204, await page.EvaluateAsync<int>($"async () => (await fetch('/api/sessions/{closed}', {{ method: 'DELETE' }})).status"));
        await page.Locator("#film-previous").ClickAsync();
        await WaitFilmAsync(harness, 1, 2);
        await page.Locator("#canvas[data-vertebra-count='17'][data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(3, analyses.Count);
        await page.Locator("#undo").ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='17'][data-hint-count='0'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        // The one 404 the browser logs is the page asking whether the closed session is still open.
        var errors = harness.ConsoleErrors.Where(e => !e.Contains($"/api/sessions/{closed}/keepalive", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    private static Task WaitFilmAsync(BrowserHarness harness, int film, int count = 3) =>
        harness.Page.WaitForFunctionAsync(
            "([n, count]) => { const c = document.getElementById('canvas'); return c.dataset.film === String(n) && !document.getElementById('film-next').disabled === (n < count) && window.spineKit.prediction() !== null && c.dataset.synced === 'true'; }",
            new[] { film, count },
            new PageWaitForFunctionOptions { Timeout = 60_000 });
}
