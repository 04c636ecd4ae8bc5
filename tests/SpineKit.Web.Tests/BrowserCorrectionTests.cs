using System.Text.Json;
using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// The page in a real browser (Debian's Chromium, headless, driven by Playwright): open the sample, drag a
/// corner with the mouse, and see the other corners and the angles change. Needs /usr/bin/chromium (or
/// SPINEKIT_CHROMIUM); <c>.ci/run</c> installs it.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserCorrectionTests
{
    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SPINEKIT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Fact]
    public async Task DraggingACorner_RepredictsTheOthersAndUpdatesTheAngles()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}: apt-get install -y chromium, or set SPINEKIT_CHROMIUM");
        await using var server = await RunningServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        await page.GotoAsync(server.Address.ToString());

        await page.Locator("#file").SetInputFilesAsync(RepositoryFiles.Sample);
        await page.Locator("#canvas[data-revision='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var anglesBefore = await page.Locator("#angles").InnerTextAsync();
        var before = await PredictionAsync(page);


        // The top end vertebra of the largest curve: tilting its upper end plate must change that curve's angle.
        var level = before.GetProperty("challengeAngles").GetProperty("upperEnd").GetString()!;
        var start = await ScreenPointAsync(page, level, "tl");
        await page.Mouse.MoveAsync(start.X, start.Y);
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 10; step++)
        {
            await page.Mouse.MoveAsync(start.X + (0.5f * step), start.Y + (1.2f * step));
            await page.WaitForTimeoutAsync(60);
        }

        await page.Mouse.UpAsync();
        await page.Locator("#canvas[data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var after = await PredictionAsync(page);
        var anglesAfter = await page.Locator("#angles").InnerTextAsync();
        var hint = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.spineKit.hints())")).RootElement.EnumerateArray().Single();

        Directory.CreateDirectory(Path.Combine(RepositoryFiles.Root, "artifacts", "browser"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryFiles.Root, "artifacts", "browser", "corner-dragged.png") });

        // The dropped corner is where the mouse let go (12 screen pixels down, about 35 image pixels) and kept exactly.
        Assert.Equal(level, hint.GetProperty("level").GetString());
        var dropped = ApiResponses.Corner(after, level, "tl");
        Assert.Equal((hint.GetProperty("x").GetDouble(), hint.GetProperty("y").GetDouble()), dropped);
        var original = ApiResponses.Corner(before, level, "tl");
        Assert.True(dropped.Y - original.Y > 5, $"the corner should have moved down, from {original} to {dropped}");

        var othersMoved = ApiResponses.Corners(before).Zip(ApiResponses.Corners(after))
            .Count(pair => !(pair.First.Level == level && pair.First.Corner == "tl") && (pair.First.X, pair.First.Y) != (pair.Second.X, pair.Second.Y));
        Assert.True(othersMoved > 0, "no other corner moved after the correction");
        Assert.NotEqual(anglesBefore, anglesAfter);
        Assert.True(consoleErrors.Count == 0, string.Join("; ", consoleErrors));

        // Undo returns to the automatic result through the same path.
        await page.Locator("#undo").ClickAsync();
        await page.Locator("#canvas[data-hint-count='0'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal(anglesBefore, await page.Locator("#angles").InnerTextAsync());
    }

    [Fact]
    public async Task WithTheRefiner_EveryAngleShowsItsUncertainty()
    {
        await using var harness = await BrowserHarness.StartAsync(withRefiner: true);
        await harness.OpenSampleAsync();
        var angles = await harness.Page.Locator("#angles").InnerTextAsync();
        var prediction = await PredictionAsync(harness.Page);

        // The refiner's second reading of each angle is shown beside it, as the server computed it.
        var spread = prediction.GetProperty("challengeAngles").GetProperty("uncertaintyDegrees").EnumerateArray().Select(u => $"±{u.GetDouble():0.0}°");
        Assert.Contains($"uncertainty {string.Join(" / ", spread)}", angles, StringComparison.Ordinal);
        Assert.Equal(prediction.GetProperty("anglesUncertain").GetBoolean(), angles.Contains("Check the angles", StringComparison.Ordinal));
        var curves = prediction.GetProperty("clinical").GetProperty("curves").EnumerateArray().ToList();
        Assert.NotEmpty(curves);
        Assert.Equal(curves.Select(c => $"±{c.GetProperty("uncertaintyDegrees").GetDouble():0.0}°"), await harness.Page.Locator("#curves .spread").AllInnerTextsAsync());
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    [Fact]
    public async Task ViewControls_ZoomPanWindowAndKeyboardHistory()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}: apt-get install -y chromium, or set SPINEKIT_CHROMIUM");
        await using var server = await RunningServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(server.Address.ToString());
        await page.Locator("#file").SetInputFilesAsync(RepositoryFiles.Sample);
        await page.Locator("#canvas[data-revision='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        // Zoom in around T10: the distance between two corners on screen grows, the corner under the mouse stays put.
        var t10 = await ScreenPointAsync(page, "T10", "tl");
        var l5 = await ScreenPointAsync(page, "L5", "br");
        await page.Mouse.MoveAsync(t10.X, t10.Y);
        await page.Mouse.WheelAsync(0, -400);
        var t10Zoomed = await ScreenPointAsync(page, "T10", "tl");
        var l5Zoomed = await ScreenPointAsync(page, "L5", "br");
        Assert.True(Distance(t10Zoomed, l5Zoomed) > 1.5 * Distance(t10, l5), "the wheel should zoom in");
        Assert.True(Distance(t10, t10Zoomed) < 1, "zoom keeps the point under the mouse fixed");

        // Pan: drag the background (a point left of the spine, away from any corner) by (60, -40).
        var background = (X: t10Zoomed.X - 150, Y: t10Zoomed.Y);
        await page.Mouse.MoveAsync(background.X, background.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(background.X + 30, background.Y - 20);
        await page.Mouse.MoveAsync(background.X + 60, background.Y - 40);
        await page.Mouse.UpAsync();
        var t10Panned = await ScreenPointAsync(page, "T10", "tl");
        Assert.Equal(t10Zoomed.X + 60, t10Panned.X, 0.5f);
        Assert.Equal(t10Zoomed.Y - 40, t10Panned.Y, 0.5f);
        Assert.Equal("0", await page.Locator("#canvas").GetAttributeAsync("data-hint-count"));

        // Window/level: a narrower, brighter window changes the drawn pixels of the image.
        const string Sample = "(() => { const c = document.getElementById('canvas'); const r = c.getBoundingClientRect(); "
            + "return Array.from(c.getContext('2d').getImageData(Math.round(r.width / 2), Math.round(r.height / 2), 1, 1).data).join(','); })()";
        var pixelBefore = await page.EvaluateAsync<string>(Sample);
        await page.Locator("#window-width").FillAsync("40");
        await page.Locator("#window-center").FillAsync("60");
        await page.WaitForTimeoutAsync(200);
        Assert.NotEqual(pixelBefore, await page.EvaluateAsync<string>(Sample));

        // Keyboard history: a drag, Ctrl+Z back to no hints, Ctrl+Y forward again.
        var corner = await ScreenPointAsync(page, "L1", "br");
        await page.Mouse.MoveAsync(corner.X, corner.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(corner.X + 10, corner.Y + 8, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.Locator("#canvas[data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Keyboard.PressAsync("Control+z");
        await page.Locator("#canvas[data-hint-count='0'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.True(await page.Locator("#redo").IsEnabledAsync());
        await page.Keyboard.PressAsync("Control+y");
        await page.Locator("#canvas[data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("#reset").ClickAsync();
        await page.Locator("#canvas[data-hint-count='0'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("none (automatic result)", await page.Locator("#corrections").InnerTextAsync());
        Directory.CreateDirectory(Path.Combine(RepositoryFiles.Root, "artifacts", "browser"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryFiles.Root, "artifacts", "browser", "view-controls.png") });
    }

    private static double Distance((float X, float Y) a, (float X, float Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static async Task<JsonElement> PredictionAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.spineKit.prediction())")).RootElement.Clone();

    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, string level, string corner)
    {
        var point = await page.EvaluateAsync<JsonElement>($"window.spineKit.screenPoint('{level}', '{corner}')");
        return (point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
    }
}
