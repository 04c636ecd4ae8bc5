using System.Text.Json;
using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// A running server and the page open in Debian's Chromium (headless, through Playwright), for the browser tests.
/// A missing Chromium fails the test with the command that installs it.
/// </summary>
internal sealed class BrowserHarness : IAsyncDisposable
{
    private BrowserHarness(RunningServer server, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Server = server;
        Playwright = playwright;
        Browser = browser;
        Page = page;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
    }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SPINEKIT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Screenshots and files the browser tests keep, under the test output folder.</summary>
    public static string ArtifactFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public RunningServer Server { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    /// <summary>Errors the page wrote to its console (a failed request shows here too).</summary>
    public List<string> ConsoleErrors { get; } = [];

    public static async Task<BrowserHarness> StartAsync(int width = 1280, int height = 900, bool measureRefusedFilms = false, bool withRefiner = false)
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}: apt-get install -y chromium, or set SPINEKIT_CHROMIUM");
        var server = await RunningServer.StartAsync(measureRefusedFilms: measureRefusedFilms, withRefiner: withRefiner);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        var harness = new BrowserHarness(server, playwright, browser, page);
        await page.GotoAsync(server.Address.ToString());
        return harness;
    }

    /// <summary>Opens the bundled sample and waits until its automatic result is drawn.</summary>
    public Task OpenSampleAsync() => OpenAsync(RepositoryFiles.Sample);

    /// <summary>Opens a film and waits until its automatic result is drawn.</summary>
    public async Task OpenAsync(string path)
    {
        var revision = await Page.Locator("#canvas").GetAttributeAsync("data-revision") ?? string.Empty;
        await Page.Locator("#file").SetInputFilesAsync(path);
        await Page.WaitForFunctionAsync(
            "before => { const c = document.getElementById('canvas'); return (c.dataset.revision || '') !== before && window.spineKit.prediction() !== null && c.dataset.synced === 'true' && c.dataset.hintCount === '0'; }",
            revision,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    /// <summary>Waits until the page shows the answer to its latest hint list, with <paramref name="hints"/> hints.</summary>
    public Task WaitSyncedAsync(int hints) =>
        Page.Locator($"#canvas[data-hint-count='{hints}'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

    public async Task<JsonElement> JsonAsync(string expression) =>
        JsonDocument.Parse(await Page.EvaluateAsync<string>($"JSON.stringify({expression})")).RootElement.Clone();

    public async Task<(double X, double Y)> ScreenPointAsync(string level, string corner)
    {
        var point = await JsonAsync($"window.spineKit.screenPoint('{level}', '{corner}')");
        return (point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble());
    }

    /// <summary>The canvas' box in the viewport.</summary>
    public async Task<(double X, double Y, double Width, double Height)> CanvasBoxAsync()
    {
        var box = await Page.Locator("#canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("the canvas is not displayed");
        return (box.X, box.Y, box.Width, box.Height);
    }

    /// <summary>A mouse drag in whole screen pixels, with intermediate moves as a hand would make.</summary>
    public async Task DragAsync(int fromX, int fromY, int toX, int toY)
    {
        await Page.Mouse.MoveAsync(fromX, fromY);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(toX, toY, new MouseMoveOptions { Steps = 6 });
        await Page.Mouse.UpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
    }
}
