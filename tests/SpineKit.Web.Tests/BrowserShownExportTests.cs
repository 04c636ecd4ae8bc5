using System.Globalization;
using Microsoft.Playwright;

namespace SpineKit.Web.Tests;

/// <summary>After vertebra edits the page's overlay and challenge CSV downloads are the vertebrae it shows, in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserShownExportTests
{
    [Fact]
    public async Task AfterDeletingAndRelabelling_TheCsvAndOverlayDownloadsAreTheShownVertebrae()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra L5", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Level of vertebra T1", Exact = true }).SelectOptionAsync("C7");
        await page.WaitForFunctionAsync(
            "() => { const r = window.spineKit.report(); return r && r.vertebrae.length === 16 && r.vertebrae[0].level === 'C7' && document.getElementById('canvas').dataset.synced === 'true'; }",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });

        var shown = await harness.JsonAsync("window.spineKit.vertebrae()");
        var image = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image");
        var (width, height) = (image.GetProperty("width").GetDouble(), image.GetProperty("height").GetDouble());

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.Equal("landmarks.csv", csv.SuggestedFilename);
        var numbers = File.ReadAllText(await csv.PathAsync()).Trim().Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var corners = shown.EnumerateArray().SelectMany(v => new[] { "tl", "tr", "bl", "br" }.Select(c => v.GetProperty("corners").GetProperty(c))).ToArray();
        Assert.Equal(16 * 4, corners.Length);
        Assert.Equal(corners.Length * 2, numbers.Length);
        for (var i = 0; i < corners.Length; i++)
        {
            // The page sends its corners rounded to 0.01 px, as it sends them to /api/measure.
            Assert.Equal(corners[i].GetProperty("x").GetDouble() / width, numbers[i], 0.006 / width);
            Assert.Equal(corners[i].GetProperty("y").GetDouble() / height, numbers[corners.Length + i], 0.006 / height);
        }

        // The angles file holds the page's own report (measured on the shown vertebrae).
        var angles = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-angles").ClickAsync());
        var values = File.ReadAllText(await angles.PathAsync()).Trim().Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var challenge = (await harness.JsonAsync("window.spineKit.report()")).GetProperty("challengeAngles");
        Assert.Equal(challenge.GetProperty("first").GetDouble(), values[0], 0.01);
        Assert.Equal(challenge.GetProperty("second").GetDouble(), values[1], 0.01);
        Assert.Equal(challenge.GetProperty("third").GetDouble(), values[2], 0.01);

        var overlay = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-overlay").ClickAsync());
        Assert.Equal("ap-radiograph.overlay.png", overlay.SuggestedFilename);
        var picture = Imaging.Formats.Png.PngDecoder.Decode(File.ReadAllBytes(await overlay.PathAsync()));
        Assert.Equal(((int)width, (int)height, 3), (picture.Width, picture.Height, picture.Channels));
        Assert.True(await page.Locator("#banner").IsHiddenAsync(), await page.Locator("#banner-text").InnerTextAsync());
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }
}
