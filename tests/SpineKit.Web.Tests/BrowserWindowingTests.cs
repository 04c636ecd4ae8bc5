using System.Diagnostics;
using Microsoft.Playwright;

namespace SpineKit.Web.Tests;

/// <summary>
/// Full-depth window/level in Chromium on a 12-bit DICOM film (rescale slope 0.5, intercept -100, two file windows):
/// the page windows the modality values themselves, and each rendering equals dcmtk's <c>dcmj2pnm +Ww C W</c> of
/// the file (the independent oracle, run by the test; <c>apt-get install -y dcmtk</c>) within one grey level.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserWindowingTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task TwelveBitDicom_IsWindowedOnItsModalityValues_AsDcmtkRendersIt()
    {
        // The fixture is 24x20 pixels, which the film check refuses; this server measures it anyway to show it.
        await using var harness = await BrowserHarness.StartAsync(measureRefusedFilms: true);
        var page = harness.Page;
        var file = Fixture("mono2-u12.dcm");
        await harness.OpenAsync(file);

        // It opens in the file's first window, with the file's windows and the min-max window as presets.
        var window = await harness.JsonAsync("window.spineKit.window()");
        Assert.True(window.GetProperty("modality").GetBoolean());
        Assert.Equal((1800.0, 2000.0), (window.GetProperty("center").GetDouble(), window.GetProperty("width").GetDouble()));
        var initial = await GreyAsync(harness);
        AssertClose(Dcmtk(file, 1800, 2000), initial, "the file's first window");
        var presets = await page.Locator("#window-preset option").AllInnerTextsAsync();
        Assert.Contains("File window 2 (C 900, W 600)", presets);
        Assert.Contains(presets, p => p.StartsWith("Min-max (C ", StringComparison.Ordinal));

        // Typed values: a window of 37 units, which an 8-bit rendering (16 stored values a grey level) could not show.
        await page.Locator("#window-center-value").FillAsync("1000.5");
        await page.Locator("#window-width-value").FillAsync("37");
        await page.WaitForFunctionAsync("() => window.spineKit.window().center === 1000.5 && window.spineKit.window().width === 37");
        var narrow = await WaitForChangeAsync(harness, initial);
        AssertClose(Dcmtk(file, 1000.5, 37), narrow, "C 1000.5, W 37", DcmtkIntegerSlack(37));
        Assert.True(narrow.Distinct().Count() > 2, "the narrow window should still show intermediate grey levels");

        // Invert: every grey level mirrored.
        await page.Locator("#invert").CheckAsync();
        var inverted = await WaitForChangeAsync(harness, narrow);
        Assert.Equal(narrow.Select(v => 255 - v), inverted);
        await page.Locator("#invert").UncheckAsync();
        await WaitForChangeAsync(harness, inverted);

        // The second file window from the presets.
        await page.Locator("#window-preset").SelectOptionAsync(new SelectOptionValue { Label = "File window 2 (C 900, W 600)" });
        var second = await WaitForChangeAsync(harness, narrow);
        AssertClose(Dcmtk(file, 900, 600), second, "the file's second window");
        Assert.Equal("900", await page.Locator("#window-center-value").InputValueAsync());
        Assert.Equal("600", await page.Locator("#window-width-value").InputValueAsync());

        // The readout under the mouse is a modality value: stored x 0.5 - 100, within what 12 bits allow.
        var box = await harness.CanvasBoxAsync();
        var centre = await harness.JsonAsync("window.spineKit.screenOf(12.5, 10.5)");
        await page.Mouse.MoveAsync((float)centre.GetProperty("x").GetDouble(), (float)centre.GetProperty("y").GetDouble());
        var readout = await page.Locator("#pixel-value").InnerTextAsync();
        Assert.StartsWith("(12, 10): ", readout, StringComparison.Ordinal);
        var value = double.Parse(readout["(12, 10): ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, -100, (4095 * 0.5) - 100);
        Assert.Equal(0, ((value + 100) * 2) % 1);
        Assert.True(box.Width > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "dicom-window.png") });
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    private static async Task<int[]> GreyAsync(BrowserHarness harness) =>
        (await harness.JsonAsync("window.spineKit.windowedGrey()")).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    // The window is applied on the next animation frame; two frames later it is drawn.
    private static async Task<int[]> WaitForChangeAsync(BrowserHarness harness, int[] before)
    {
        await harness.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        for (var i = 0; i < 100; i++)
        {
            var now = await GreyAsync(harness);
            if (!now.SequenceEqual(before))
            {
                return now;
            }

            await harness.Page.WaitForTimeoutAsync(50);
        }

        throw new Xunit.Sdk.XunitException("the rendered film did not change");
    }

    private static void AssertClose(int[] expected, int[] actual, string what, int slack = 1)
    {
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Zip(actual).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(largest <= slack, $"{what}: the page differs from dcmtk by {largest} grey levels (allowed {slack})");
    }

    // dcmtk keeps rescaled values as integers (this file's slope of 0.5 gives half units, which it truncates), while
    // the page windows the exact values as PS3.3 defines; the two may then differ by one modality unit's worth of
    // grey, 255 / (width - 1) levels, plus one for the 8-bit step. On the wide file windows that is within one level.
    private static int DcmtkIntegerSlack(double width) => (int)Math.Ceiling(255 / (width - 1)) + 1;

    // dcmtk's rendering of the file through a LINEAR window, as an 8-bit binary PGM read back to grey levels.
    private static int[] Dcmtk(string file, double center, double width)
    {
        var output = Path.Combine(Path.GetTempPath(), $"spinekit-dcmtk-{Guid.NewGuid():N}.pgm");
        var start = new ProcessStartInfo("dcmj2pnm") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "+Ww", center.ToString(System.Globalization.CultureInfo.InvariantCulture), width.ToString(System.Globalization.CultureInfo.InvariantCulture), file, output })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"dcmtk's dcmj2pnm is needed as the oracle ({exception.Message}): apt-get install -y dcmtk");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"dcmj2pnm failed: {errors}");
        }

        try
        {
            var bytes = File.ReadAllBytes(output);
            // "P5\n<w> <h>\n255\n" then one byte a pixel.
            var header = 0;
            for (var lines = 0; lines < 3; header++)
            {
                if (bytes[header] == '\n')
                {
                    lines++;
                }
            }

            Assert.Equal("P5", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
            return bytes[header..].Select(b => (int)b).ToArray();
        }
        finally
        {
            File.Delete(output);
        }
    }
}
