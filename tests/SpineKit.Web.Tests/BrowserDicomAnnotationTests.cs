using Microsoft.Playwright;
using SpineKit.Imaging;

namespace SpineKit.Web.Tests;

/// <summary>Annotate opens DICOM films too (rendered by the server without the model), in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserDicomAnnotationTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task AnnotatingADicom_ShowsDcmtksRendering_WithItsSpacing_AndNoAnalysis()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        var analyses = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/analyze", StringComparison.Ordinal))
            {
                analyses++;
            }
        };

        // A film analyze refuses (18x16 pixels): annotation opens it, as dcmtk renders it through its first window.
        await page.Locator("#annotate-file").SetInputFilesAsync(Fixture("mono1-s16.dcm"));
        await page.WaitForFunctionAsync("() => window.spineKit.prediction() !== null && window.spineKit.prediction().image.width === 18");
        Assert.Equal(16, (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image").GetProperty("height").GetInt32());
        Assert.Equal("true", await page.Locator("#tool-vertebra").GetAttributeAsync("aria-pressed"));
        Assert.True(await page.Locator("#banner").IsHiddenAsync(), await page.Locator("#banner-text").InnerTextAsync());
        var reference = (Image<byte>)ImageReader.Read(Fixture("mono1-s16.window.ref8.png")).Pixels;
        var shown = (await harness.JsonAsync("window.spineKit.windowedGrey()")).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(reference.Pixels.Length, shown.Length);
        var largest = shown.Zip(reference.Pixels.ToArray()).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(largest <= 1, $"the annotated film differs from dcmtk's +Wi 1 rendering by {largest} grey levels");

        // The file's PixelSpacing (0.139\0.143, row then column) comes with it, so lengths are in millimetres.
        await page.Locator("#annotate-file").SetInputFilesAsync(Fixture("mono2-u12.dcm"));
        await page.WaitForFunctionAsync("() => window.spineKit.prediction() !== null && window.spineKit.prediction().image.width === 24");
        var spacing = (await harness.JsonAsync("window.spineKit.prediction()")).GetProperty("image").GetProperty("pixelSpacingMm");
        Assert.Equal(0.139, spacing.GetProperty("row").GetDouble());
        Assert.Equal(0.143, spacing.GetProperty("column").GetDouble());

        // A file that is no image is refused with the server's words and nothing is left on screen.
        var notes = Path.Combine(Path.GetTempPath(), $"spinekit-notes-{Guid.NewGuid():N}.dcm");
        await File.WriteAllTextAsync(notes, "not an image");
        try
        {
            await page.Locator("#annotate-file").SetInputFilesAsync(notes);
            await page.Locator("#banner:not([hidden])").WaitForAsync();
            Assert.Contains("could not be opened", await page.Locator("#banner-text").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("null", await page.EvaluateAsync<string>("JSON.stringify(window.spineKit.prediction())"));
        }
        finally
        {
            File.Delete(notes);
        }

        Assert.Equal(0, analyses);
        var errors = harness.ConsoleErrors.Where(e => !e.Contains("/api/render", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }
}
