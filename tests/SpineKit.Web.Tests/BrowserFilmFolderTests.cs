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

    private static Task WaitFilmAsync(BrowserHarness harness, int film) =>
        harness.Page.WaitForFunctionAsync(
            "n => { const c = document.getElementById('canvas'); return c.dataset.film === String(n) && !document.getElementById('film-next').disabled === (n < 3) && window.spineKit.prediction() !== null && c.dataset.synced === 'true'; }",
            film,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
}
