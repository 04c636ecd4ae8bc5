using System.Text.Json;
using Microsoft.Playwright;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Web.Tests;

/// <summary>Adding, deleting, relabelling and moving whole vertebrae on the page, in Chromium; the report follows.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserVertebraEditTests
{
    [Fact]
    public async Task DeleteRelabelAndMove_UpdateTheVertebraeAndTheCobbReport()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        Assert.Equal("17", await page.Locator("#canvas").GetAttributeAsync("data-vertebra-count"));

        // Delete L5 by its labelled button: 16 vertebrae, and the report is measured again without it.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra L5", Exact = true }).ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='16'][data-synced='true']").WaitForAsync();
        Assert.True(await page.Locator("#banner").IsHiddenAsync(), await page.Locator("#banner-text").InnerTextAsync());
        await WaitMeasuredAsync(harness, 16);
        Assert.DoesNotContain("L5", Levels(await harness.JsonAsync("window.spineKit.vertebrae()")));
        AssertReportMatchesShown(await harness.JsonAsync("window.spineKit.vertebrae()"), await harness.JsonAsync("window.spineKit.report()"));
        Assert.Equal(0, await page.Locator("#levels tbody th", new PageLocatorOptions { HasTextString = "L5" }).CountAsync());

        // Relabel T1 as C7 in its list; a level already on the film is refused with a message and the list reverts.
        await page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Level of vertebra T1", Exact = true }).SelectOptionAsync("C7");
        await page.Locator("#levels tbody tr").First.Locator("th", new LocatorLocatorOptions { HasTextString = "C7" }).WaitForAsync();
        await WaitMeasuredAsync(harness, 16);
        var relabelled = await harness.JsonAsync("window.spineKit.vertebrae()");
        Assert.Equal("C7", Levels(relabelled)[0]);
        Assert.Contains(
            (await harness.JsonAsync("window.spineKit.report()")).GetProperty("clinical").GetProperty("tilts").EnumerateArray(),
            t => t.GetProperty("level").GetString() == "C7");
        await page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Level of vertebra T2", Exact = true }).SelectOptionAsync("T3");
        await page.Locator("#banner:not([hidden])").WaitForAsync();
        Assert.Contains("T3 is already on the film", await page.Locator("#banner-text").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("T2", await page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Level of vertebra T2", Exact = true }).InputValueAsync());
        await page.Locator("#banner-close").ClickAsync();

        // The film is refitted once the banner has gone; only then are screen positions stable.
        await page.Locator("#banner").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

        // Move T8 whole with Shift+drag inside it: its four corners move by the drag (four corrections), the rest is re-predicted.
        var before = Corners(await harness.JsonAsync("window.spineKit.prediction()"), "T8");
        var centre = await harness.JsonAsync("window.spineKit.screenPoint('T8', 'centre')");
        var (x, y) = ((int)centre.GetProperty("x").GetDouble(), (int)centre.GetProperty("y").GetDouble());
        var from = await harness.JsonAsync($"window.spineKit.imagePoint({x}, {y})");
        var to = await harness.JsonAsync($"window.spineKit.imagePoint({x + 9}, {y - 6})");
        var (dx, dy) = (to.GetProperty("x").GetDouble() - from.GetProperty("x").GetDouble(), to.GetProperty("y").GetDouble() - from.GetProperty("y").GetDouble());
        await page.Keyboard.DownAsync("Shift");
        await harness.DragAsync(x, y, x + 9, y - 6);
        await page.Keyboard.UpAsync("Shift");
        await harness.WaitSyncedAsync(4);
        var after = Corners(await harness.JsonAsync("window.spineKit.prediction()"), "T8");
        foreach (var corner in after.Keys)
        {
            Assert.Equal(before[corner].X + dx, after[corner].X, 0.011);
            Assert.Equal(before[corner].Y + dy, after[corner].Y, 0.011);
        }

        var hints = await harness.JsonAsync("window.spineKit.hints()");
        Assert.All(hints.EnumerateArray(), h => Assert.Equal("T8", h.GetProperty("level").GetString()));
        await WaitMeasuredAsync(harness, 16);
        AssertReportMatchesShown(await harness.JsonAsync("window.spineKit.vertebrae()"), await harness.JsonAsync("window.spineKit.report()"));

        // The keyboard does the same: Alt+arrow moves the selected corner's vertebra, Delete deletes it.
        await page.Locator("#canvas").FocusAsync();
        await page.Keyboard.PressAsync("]");
        var selected = (await harness.JsonAsync("window.spineKit.selected()")).GetProperty("level").GetString()!;
        var start = Corners(await harness.JsonAsync("window.spineKit.prediction()"), selected);
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await harness.WaitSyncedAsync(8);
        var moved = Corners(await harness.JsonAsync("window.spineKit.prediction()"), selected);
        Assert.All(moved, pair => Assert.Equal(start[pair.Key].Y + 1, pair.Value.Y, 1e-9));
        await page.Keyboard.PressAsync("Delete");
        await page.Locator("#canvas[data-vertebra-count='15'][data-synced='true']").WaitForAsync();
        Assert.DoesNotContain("C7", Levels(await harness.JsonAsync("window.spineKit.vertebrae()")));

        // Undo brings it back; the shortcuts are listed.
        await page.Keyboard.PressAsync("Control+z");
        await page.Locator("#canvas[data-vertebra-count='16'][data-synced='true']").WaitForAsync();
        var shortcuts = await page.Locator("#shortcuts").InnerTextAsync();
        foreach (var key in new[] { "V", "Del", "Alt", "R", "Shift+drag" })
        {
            Assert.Contains(key, shortcuts, StringComparison.Ordinal);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "vertebra-edits.png") });
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    [Fact]
    public async Task AddVertebra_FourClickedCornersAndItsLevel_JoinTheReport()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();

        // S1, which the model does not find: four clicks below L5, in the order top-left, top-right, bottom-right, bottom-left.
        var left = await harness.JsonAsync("window.spineKit.screenPoint('L5', 'bl')");
        var right = await harness.JsonAsync("window.spineKit.screenPoint('L5', 'br')");
        var (lx, ly) = ((int)left.GetProperty("x").GetDouble(), (int)left.GetProperty("y").GetDouble());
        var (rx, ry) = ((int)right.GetProperty("x").GetDouble(), (int)right.GetProperty("y").GetDouble());
        var clicks = new[] { (lx, ly + 8), (rx, ry + 12), (rx - 2, ry + 30), (lx + 2, ly + 26) };
        var expected = new List<(double X, double Y)>();
        foreach (var (cx, cy) in clicks)
        {
            var point = await harness.JsonAsync($"window.spineKit.imagePoint({cx}, {cy})");
            expected.Add((point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble()));
        }

        await page.Locator("#canvas").FocusAsync();
        await page.Keyboard.PressAsync("v");
        Assert.Equal("true", await page.Locator("#tool-vertebra").GetAttributeAsync("aria-pressed"));
        await page.Locator("#add-level").SelectOptionAsync("S1");
        foreach (var (cx, cy) in clicks)
        {
            await page.Mouse.ClickAsync(cx, cy);
        }

        await page.Locator("#canvas[data-vertebra-count='18'][data-synced='true']").WaitForAsync();
        var shown = await harness.JsonAsync("window.spineKit.vertebrae()");
        var s1 = shown.EnumerateArray().Single(v => v.GetProperty("level").GetString() == "S1");
        Assert.True(s1.GetProperty("manual").GetBoolean());
        var order = new[] { "tl", "tr", "br", "bl" };
        for (var i = 0; i < 4; i++)
        {
            var corner = s1.GetProperty("corners").GetProperty(order[i]);
            Assert.Equal(expected[i].X, corner.GetProperty("x").GetDouble(), 0.006);
            Assert.Equal(expected[i].Y, corner.GetProperty("y").GetDouble(), 0.006);
        }

        Assert.Equal("S1", Levels(shown)[^1]);
        await WaitMeasuredAsync(harness, 18);
        AssertReportMatchesShown(shown, await harness.JsonAsync("window.spineKit.report()"));
        Assert.Contains("placed", await page.Locator("#levels tbody tr").Last.InnerTextAsync(), StringComparison.Ordinal);

        // A level already on the film is refused; deleting L4 and adding it back puts four corrections on the model's L4.
        await page.Locator("#add-level").SelectOptionAsync("L4");
        foreach (var (cx, cy) in clicks)
        {
            await page.Mouse.ClickAsync(cx + 60, cy);
        }

        await page.Locator("#banner:not([hidden])").WaitForAsync();
        Assert.Contains("L4 is already on the film", await page.Locator("#banner-text").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra L4", Exact = true }).ClickAsync();
        await page.Locator("#canvas[data-vertebra-count='17'][data-synced='true']").WaitForAsync();
        var l4 = await harness.JsonAsync("window.spineKit.screenPoint('L3', 'bl')");
        var (ax, ay) = ((int)l4.GetProperty("x").GetDouble(), (int)l4.GetProperty("y").GetDouble() + 6);
        await page.Locator("#add-level").SelectOptionAsync("L4");
        foreach (var (cx, cy) in new[] { (ax, ay), (ax + 40, ay), (ax + 40, ay + 25), (ax, ay + 25) })
        {
            await page.Mouse.ClickAsync(cx, cy);
        }

        await harness.WaitSyncedAsync(4);
        await page.Locator("#canvas[data-vertebra-count='18']").WaitForAsync();
        var hints = await harness.JsonAsync("window.spineKit.hints()");
        Assert.Equal(["L4"], hints.EnumerateArray().Select(h => h.GetProperty("level").GetString()).Distinct());
        Assert.False((await harness.JsonAsync("window.spineKit.vertebrae()")).EnumerateArray().Single(v => v.GetProperty("level").GetString() == "L4").GetProperty("manual").GetBoolean());
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    private static async Task WaitMeasuredAsync(BrowserHarness harness, int count) =>
        await harness.Page.WaitForFunctionAsync(
            "n => { const r = window.spineKit.report(); return r && r.vertebrae.length === n && document.getElementById('canvas').dataset.synced === 'true'; }",
            count,
            new PageWaitForFunctionOptions { Timeout = 60_000 });

    private static List<string> Levels(JsonElement vertebrae) => [.. vertebrae.EnumerateArray().Select(v => v.GetProperty("level").GetString()!)];

    private static Dictionary<string, (double X, double Y)> Corners(JsonElement prediction, string level) =>
        prediction.GetProperty("vertebrae").EnumerateArray().Single(v => v.GetProperty("level").GetString() == level)
            .GetProperty("corners").EnumerateObject().ToDictionary(c => c.Name, c => (c.Value.GetProperty("x").GetDouble(), c.Value.GetProperty("y").GetDouble()));

    // The page's report names the vertebrae it shows, and its challenge angles are those of the shown corners.
    private static void AssertReportMatchesShown(JsonElement shown, JsonElement report)
    {
        Assert.Equal(Levels(shown), Levels(report.GetProperty("vertebrae")));
        var set = new LandmarkSet(
            new ImageSize(report.GetProperty("image").GetProperty("width").GetInt32(), report.GetProperty("image").GetProperty("height").GetInt32()),
            shown.EnumerateArray().Select(v =>
            {
                VertebraLevels.TryParse(v.GetProperty("level").GetString(), out var level);
                var c = v.GetProperty("corners");
                Point2 P(string k) => new(Math.Round(c.GetProperty(k).GetProperty("x").GetDouble(), 2), Math.Round(c.GetProperty(k).GetProperty("y").GetDouble(), 2));
                return new Vertebra(level!.Value, P("tl"), P("tr"), P("bl"), P("br"));
            }));
        var angles = ChallengeCobb.Compute(set).Angles;
        var challenge = report.GetProperty("challengeAngles");
        Assert.Equal(angles[0], challenge.GetProperty("first").GetDouble(), 0.01);
        Assert.Equal(angles[1], challenge.GetProperty("second").GetDouble(), 0.01);
        Assert.Equal(angles[2], challenge.GetProperty("third").GetDouble(), 0.01);
    }
}
