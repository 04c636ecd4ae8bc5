using System.Text.Json;
using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// The page's failure banner, print view, colours, accessibility and layout in Chromium. Screenshots at
/// 1920x1080 and 1024x768 and the printed PDF are kept under the test output folder (<c>artifacts/browser</c>).
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserLayoutTests
{
    private const string CentrePixel = "(() => { const c = document.getElementById('canvas'); "
        + "return Array.from(c.getContext('2d').getImageData(Math.round(c.width / 2), Math.round(c.height / 2), 1, 1).data).join(','); })()";

    [Fact]
    public async Task AFileThatFailsToLoad_ShowsABanner_AndClearsTheOldFilm()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        Assert.NotEqual("17,17,17,255", await page.EvaluateAsync<string>(CentrePixel));
        Assert.Equal(1, harness.Server.Service.Sessions.Count);

        // The sample cut after 3000 bytes: a JPEG whose header reads but whose picture cannot be decoded.
        var truncated = (await File.ReadAllBytesAsync(RepositoryFiles.Sample))[..3000];
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "broken.jpg", MimeType = "image/jpeg", Buffer = truncated });
        var banner = page.GetByRole(AriaRole.Alert);
        await banner.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var message = await banner.InnerTextAsync();
        Assert.StartsWith("broken.jpg could not be opened: ", message, StringComparison.Ordinal);
        Assert.True(message.Length > "broken.jpg could not be opened: ".Length + 10, $"the banner should say why: {message}");

        // Nothing of the sample is left: no film, no prediction, no angles, no levels, no export, nothing to save.
        Assert.Equal("17,17,17,255", await page.EvaluateAsync<string>(CentrePixel));
        Assert.Equal(JsonValueKind.Null, (await harness.JsonAsync("window.spineKit.prediction()")).ValueKind);
        Assert.Equal("-", await page.Locator("#angles").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#levels tbody tr").CountAsync());
        Assert.Equal("-", await page.Locator("#exports").InnerTextAsync());
        Assert.True(await page.Locator("#save").IsDisabledAsync());
        Assert.DoesNotContain("ap-radiograph", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        for (var i = 0; i < 50 && harness.Server.Service.Sessions.Count > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, harness.Server.Service.Sessions.Count);

        // The next good file clears the banner.
        await harness.OpenSampleAsync();
        Assert.False(await banner.IsVisibleAsync());
    }

    [Fact]
    public async Task PrintView_ShowsTheFilmOverlayAndReport_WithoutTheToolbar()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        await page.Mouse.MoveAsync(400, 400);
        await page.Mouse.WheelAsync(0, -600); // zoomed in on screen; the print shows the whole film again

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("header").IsVisibleAsync(), "the toolbar must not print");
        Assert.False(await page.Locator("#shortcuts").IsVisibleAsync());
        Assert.False(await page.Locator("#exports").IsVisibleAsync());
        Assert.True(await page.Locator("#canvas").IsVisibleAsync());
        Assert.True(await page.Locator("#curves").IsVisibleAsync());
        Assert.True(await page.Locator("#levels").IsVisibleAsync());
        Assert.Contains("ap-radiograph.jpg", await page.Locator("#print-title").InnerTextAsync(), StringComparison.Ordinal);
        var width = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image").GetProperty("width").GetDouble();
        var height = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image").GetProperty("height").GetDouble();
        await AssertFilmInsideCanvasAsync(harness, width, height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "print-view.png"), FullPage = true });
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "print-view.pdf"), Format = "A4" });
        Assert.True(new FileInfo(Path.Combine(BrowserHarness.ArtifactFolder, "print-view.pdf")).Length > 10_000);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        Assert.True(await page.Locator("header").IsVisibleAsync());
    }

    [Fact]
    public async Task CurveColours_StayApartForEveryCommonColourVisionDeficiency()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        var palette = await harness.JsonAsync("window.spineKit.palette()");
        var curves = palette.GetProperty("curves").EnumerateArray().Select(c => c.GetString()!).ToList();

        // Everything drawn on the film in colour at once: the curves' end plates, the outlines and the corners.
        var drawn = curves.Concat([palette.GetProperty("outline").GetString()!, palette.GetProperty("corner").GetString()!]).ToList();
        foreach (var (name, matrix) in ColourVision.Deficiencies)
        {
            var closest = (from a in drawn.Index()
                           from b in drawn.Index()
                           where a.Index < b.Index
                           select (Distance: ColourVision.DeltaE(ColourVision.Simulate(a.Item, matrix), ColourVision.Simulate(b.Item, matrix)), Pair: $"{a.Item}/{b.Item}")).MinBy(p => p.Distance);
            Assert.True(closest.Distance >= 15, $"{name}: {closest.Pair} only {closest.Distance:0.0} apart (CIE76)");
        }

        // The table's swatches are the colours drawn.
        var swatches = await page.Locator("#curves .swatch").EvaluateAllAsync<string[]>("s => s.map(e => getComputedStyle(e).backgroundColor)");
        Assert.NotEmpty(swatches);
        for (var i = 0; i < swatches.Length; i++)
        {
            var hex = curves[i % curves.Count];
            Assert.Equal($"rgb({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)})", swatches[i]);
        }
    }

    [Fact]
    public async Task TheFilmIsFocusableAndNamed_AndTheLevelsAndAnglesAreText()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();

        // The film: an application region with a name and a description, reached with Tab.
        var film = page.GetByRole(AriaRole.Application, new PageGetByRoleOptions { Name = "Radiograph with vertebra corners", Exact = true });
        Assert.Equal(1, await film.CountAsync());
        Assert.Contains("arrow keys", await page.EvaluateAsync<string>("document.getElementById(document.getElementById('canvas').getAttribute('aria-describedby')).textContent"), StringComparison.Ordinal);
        await page.Locator("body").FocusAsync();
        var reached = false;
        for (var i = 0; i < 30 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("document.activeElement.id") == "canvas";
        }

        Assert.True(reached, "Tab never reached the film");

        // The levels as a table with one row per vertebra, named by its heading; the angles in a live region.
        var prediction = await harness.JsonAsync("window.spineKit.prediction()");
        var levels = page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "Levels", Exact = true });
        var rowHeaders = await levels.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync();
        Assert.Equal(prediction.GetProperty("vertebrae").EnumerateArray().Select(v => v.GetProperty("level").GetString()!), rowHeaders);
        Assert.Equal(1, await page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "Curves", Exact = true }).CountAsync());
        Assert.Equal("polite", await page.Locator("#angles").GetAttributeAsync("aria-live"));
        var first = prediction.GetProperty("challengeAngles").GetProperty("first").GetDouble();
        Assert.Contains($"{first:0.0}°", await page.Locator("#angles").InnerTextAsync(), StringComparison.Ordinal);

        // Every control has an accessible name (axe's button-name, label and link-name rules, computed by Playwright's ARIA engine).
        foreach (var (role, names) in new (AriaRole Role, string[] Names)[]
        {
            (AriaRole.Button, ["Save", "Undo", "Redo", "Reset", "Fit", "Corners", "Cobb angle", "Length"]),
            (AriaRole.Slider, ["Level", "Window"]),
            (AriaRole.Button, ["Open a radiograph (JPEG, PNG or DICOM)", "Resume a saved session from its JSON file"]),
        })
        {
            foreach (var name in names)
            {
                var count = await page.GetByRole(role, new PageGetByRoleOptions { Name = name, Exact = true }).CountAsync()
                    + await page.GetByLabel(name, new PageGetByLabelOptions { Exact = true }).CountAsync();
                Assert.True(count > 0, $"no {role} named \"{name}\"");
            }
        }

        var unnamed = await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('button, input, select, a[href], [tabindex]')).filter(e => !("
            + "(e.getAttribute('aria-label') || '').trim() || (e.labels && Array.from(e.labels).some(l => l.textContent.trim())) || e.textContent.trim())).map(e => e.outerHTML)");
        Assert.True(unnamed.Length == 0, "controls without a name: " + string.Join(", ", unnamed));
    }

    [Fact]
    public async Task TheLayoutRefitsTheFilm_From1920x1080Down_To1024x768()
    {
        await using var harness = await BrowserHarness.StartAsync(1920, 1080);
        var page = harness.Page;
        await harness.OpenSampleAsync();
        var image = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image");
        var (width, height) = (image.GetProperty("width").GetDouble(), image.GetProperty("height").GetDouble());

        foreach (var (w, h) in new[] { (1920, 1080), (1024, 768), (1280, 800) })
        {
            await page.SetViewportSizeAsync(w, h);
            await page.WaitForFunctionAsync("w => document.getElementById('canvas').width === Math.round(document.getElementById('canvas').getBoundingClientRect().width)", w);
            await AssertFilmInsideCanvasAsync(harness, width, height);
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
            Assert.False(overflow, $"at {w}x{h} the page scrolls");
            var box = await harness.CanvasBoxAsync();
            Assert.True(box.Width >= 0.6 * w && box.Height >= 0.75 * h, $"at {w}x{h} the film area is only {box.Width}x{box.Height}");
            Assert.True(await page.Locator("#save").IsVisibleAsync() && await page.Locator("#status").IsVisibleAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, $"layout-{w}x{h}.png") });
        }
    }

    // The whole film (its four image corners) lies inside the canvas, which lies inside the viewport.
    private static async Task AssertFilmInsideCanvasAsync(BrowserHarness harness, double width, double height)
    {
        var box = await harness.CanvasBoxAsync();
        var viewport = harness.Page.ViewportSize!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= viewport.Width + 0.5, $"the canvas {box} leaves the {viewport.Width}-wide viewport");
        foreach (var (x, y) in new[] { (0.0, 0.0), (width, 0.0), (0.0, height), (width, height) })
        {
            var p = await harness.JsonAsync($"window.spineKit.screenOf({x}, {y})");
            var (sx, sy) = (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble());
            Assert.True(sx >= box.X - 0.5 && sx <= box.X + box.Width + 0.5 && sy >= box.Y - 0.5 && sy <= box.Y + box.Height + 0.5, $"image corner ({x}, {y}) is drawn at ({sx:0.0}, {sy:0.0}), outside the canvas {box}");
        }
    }
}
