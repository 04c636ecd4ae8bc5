using Microsoft.Playwright;

namespace SpineKit.Web.Tests;

/// <summary>Keyboard nudging of a corner and the hand-drawn Cobb angle and length tools, in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserToolsTests
{
    [Fact]
    public async Task ArrowKeys_MoveTheSelectedCornerByExactlyOneImagePixel()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();

        // Keyboard only: focus the film, "]" selects the first corner, four more steps the fifth (T2's top-left).
        await page.Locator("#canvas").FocusAsync();
        Assert.Equal("canvas", await page.EvaluateAsync<string>("document.activeElement.id"));
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("]");
        }

        var selected = await harness.JsonAsync("window.spineKit.selected()");
        var level = selected.GetProperty("level").GetString()!;
        var corner = selected.GetProperty("corner").GetString()!;
        Assert.Equal(("T2", "tl"), (level, corner));
        var start = ApiResponses.Corner(await harness.JsonAsync("window.spineKit.prediction()"), level, corner);

        await page.Keyboard.PressAsync("ArrowRight");
        await harness.WaitSyncedAsync(1);
        var right = ApiResponses.Corner(await harness.JsonAsync("window.spineKit.prediction()"), level, corner);
        Assert.Equal(start.X + 1, right.X, 1e-9);
        Assert.Equal(start.Y, right.Y, 1e-9);

        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await page.WaitForFunctionAsync("() => document.getElementById('canvas').dataset.synced === 'true'");
        await harness.WaitSyncedAsync(1);
        var moved = ApiResponses.Corner(await harness.JsonAsync("window.spineKit.prediction()"), level, corner);
        Assert.Equal(start.X + 1 - 10, moved.X, 1e-9);
        Assert.Equal(start.Y - 1, moved.Y, 1e-9);

        // Each key press is one undoable step.
        await page.Keyboard.PressAsync("Control+z");
        await harness.WaitSyncedAsync(1);
        var undone = ApiResponses.Corner(await harness.JsonAsync("window.spineKit.prediction()"), level, corner);
        Assert.Equal(start.X + 1, undone.X, 1e-9);
        Assert.Equal(start.Y - 1, undone.Y, 1e-9);

        // The page lists its shortcuts.
        var shortcuts = await page.Locator("#shortcuts").InnerTextAsync();
        foreach (var key in new[] { "←", "→", "↑", "↓", "Shift", "]", "[", "Esc", "Ctrl", "Z", "Y", "S" })
        {
            Assert.Contains(key, shortcuts, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManualCobbAngle_OfTwoDrawnLines_IsTheirAngle_AndALengthIsLabelledWithItsUnit()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await harness.OpenSampleAsync();
        var box = await harness.CanvasBoxAsync();
        var x0 = (int)(box.X + 40);
        var y0 = (int)(box.Y + 200);

        // Two lines of known slope (in whole screen pixels, the second drawn right to left): 7/160 and -93/150.
        await page.Locator("#tool-cobb").ClickAsync();
        Assert.Equal("true", await page.Locator("#tool-cobb").GetAttributeAsync("aria-pressed"));
        await harness.DragAsync(x0, y0, x0 + 160, y0 + 7);
        await harness.DragAsync(x0 + 150, y0 + 150, x0, y0 + 243);
        await page.Locator("#canvas[data-mark-count='1']").WaitForAsync();
        var expected = Math.Abs((Math.Atan2(7, 160) - Math.Atan2(-93, 150)) * 180 / Math.PI);
        var mark = (await harness.JsonAsync("window.spineKit.marks()"))[0];
        Assert.Equal("cobbAngle", mark.GetProperty("kind").GetString());
        Assert.True(Math.Abs(mark.GetProperty("degrees").GetDouble() - expected) < 0.1, $"drawn {expected:0.000}°, measured {mark.GetProperty("degrees").GetDouble()}°");
        Assert.Equal($"Cobb angle 1: {expected:0.0}°", (await page.Locator("#marks li").First.InnerTextAsync()).Replace("Delete", string.Empty, StringComparison.Ordinal).Trim());
        Assert.Equal("0", await page.Locator("#canvas").GetAttributeAsync("data-hint-count"));

        // A length on the sample (a JPEG without pixel spacing): pixels of the image, labelled as such. The view's
        // scale is the on-screen width of the whole film over its width in pixels.
        var width = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image").GetProperty("width").GetDouble();
        var origin = await harness.JsonAsync("window.spineKit.screenOf(0, 0)");
        var corner = await harness.JsonAsync($"window.spineKit.screenOf({width}, 0)");
        var scale = (corner.GetProperty("x").GetDouble() - origin.GetProperty("x").GetDouble()) / width;
        await page.Keyboard.PressAsync("l");
        await harness.DragAsync(x0, y0 + 300, x0 + 90, y0 + 420);
        await page.Locator("#canvas[data-mark-count='2']").WaitForAsync();
        var length = (await harness.JsonAsync("window.spineKit.marks()"))[1];
        Assert.Equal("px", length.GetProperty("unit").GetString());
        Assert.Equal(Math.Sqrt((90.0 * 90) + (120.0 * 120)) / scale, length.GetProperty("length").GetDouble(), 0.01 + (0.5 / scale));
        Assert.Contains("px (no pixel spacing in the file)", await page.Locator("#marks li").Nth(1).InnerTextAsync(), StringComparison.Ordinal);

        // With a pixel spacing (as a DICOM file's PixelSpacing sets it: rows 0.2 mm apart, columns 0.1 mm), millimetres.
        await page.EvaluateAsync("window.spineKit.prediction().image.pixelSpacingMm = { row: 0.2, column: 0.1, source: 'PixelSpacing' }");
        await harness.DragAsync(x0, y0 + 300, x0 + 90, y0 + 420);
        await page.Locator("#canvas[data-mark-count='3']").WaitForAsync();
        var millimetres = (await harness.JsonAsync("window.spineKit.marks()"))[2];
        Assert.Equal("mm", millimetres.GetProperty("unit").GetString());
        Assert.Equal(Math.Sqrt((90.0 * 0.1 * 90 * 0.1) + (120.0 * 0.2 * 120 * 0.2)) / scale, millimetres.GetProperty("length").GetDouble(), 0.01 + (0.1 / scale));
        Assert.Matches(@"^Length 3: [0-9]+\.[0-9] mm", await page.Locator("#marks li").Nth(2).InnerTextAsync());

        // Deleting a measurement by its labelled button.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete length 2", Exact = true }).ClickAsync();
        await page.Locator("#canvas[data-mark-count='2']").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "manual-tools.png") });
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }
}
