using System.Text.Json;
using Microsoft.Playwright;

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
            await page.Mouse.MoveAsync(start.X + (1.2f * step), start.Y + (2.5f * step));
            await page.WaitForTimeoutAsync(60);
        }

        await page.Mouse.UpAsync();
        await page.Locator("#canvas[data-hint-count='1'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var after = await PredictionAsync(page);
        var anglesAfter = await page.Locator("#angles").InnerTextAsync();
        var hint = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.spineKit.hints())")).RootElement.EnumerateArray().Single();

        Directory.CreateDirectory(Path.Combine(RepositoryFiles.Root, "artifacts", "browser"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryFiles.Root, "artifacts", "browser", "corner-dragged.png") });

        // The dropped corner is where the mouse let go (25 screen pixels down, in image pixels) and kept exactly.
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

    private static async Task<JsonElement> PredictionAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.spineKit.prediction())")).RootElement.Clone();

    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, string level, string corner)
    {
        var point = await page.EvaluateAsync<JsonElement>($"window.spineKit.screenPoint('{level}', '{corner}')");
        return (point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
    }
}
