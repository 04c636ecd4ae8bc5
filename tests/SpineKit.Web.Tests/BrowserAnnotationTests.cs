using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// Annotation without the model and the lateral mode, in Chromium: vertebrae placed by hand and named, lordosis and
/// sacral slope on a hand-made lateral set, and the training labels exported and imported back.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserAnnotationTests : IDisposable
{
    private const int Width = HandMadeLateralSpine.Width;
    private const int Height = HandMadeLateralSpine.Height;
    private static readonly double Degrees = 180 / Math.PI;

    private static readonly (string Level, (double X, double Y)[] Corners)[] Lateral = HandMadeLateralSpine.Vertebrae;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-web-annotation-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task LateralMode_ImportedHandMadeSet_ListsTheHandComputedAngles_AndHandPlacedCornersAreMeasuredToo()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await AnnotateBlankFilmAsync(harness);
        await page.Locator("#view-kind").SelectOptionAsync("lateral");

        // Imported: the labels files with their levels.
        var labels = WriteLabels(Lateral);
        await page.Locator("#import-labels").SetInputFilesAsync(labels);
        await WaitVertebraeAsync(harness, 6);
        var (l1Top, l5Bottom, s1Top) = (HandMadeLateralSpine.L1Top, HandMadeLateralSpine.L5Bottom, HandMadeLateralSpine.S1Top);
        Assert.Equal($"{l5Bottom - l1Top:0.0}°", await page.Locator("#lordosis-l1-l5").InnerTextAsync());
        Assert.Equal($"{s1Top - l1Top:0.0}°", await page.Locator("#lordosis-l1-s1").InnerTextAsync());
        Assert.Equal($"{s1Top:0.0}°", await page.Locator("#sacral-slope").InnerTextAsync());
        Assert.Equal("image right (from S1)", await page.Locator("#sagittal-facing").InnerTextAsync());
        var sagittal = await harness.JsonAsync("window.spineKit.sagittal()");
        Assert.Equal(l5Bottom - l1Top, sagittal.GetProperty("lordosisL1L5").GetDouble(), 0.006);
        Assert.Equal(s1Top, sagittal.GetProperty("sacralSlope").GetDouble(), 0.006);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHarness.ArtifactFolder, "lateral-imported.png") });

        // The facing stated by hand flips every sign.
        await page.Locator("#facing").SelectOptionAsync("left");
        await page.Locator("#sagittal-facing", new PageLocatorOptions { HasTextString = "image left" }).WaitForAsync();
        Assert.Equal($"{-s1Top:0.0}°", await page.Locator("#sacral-slope").InnerTextAsync());
        await page.Locator("#facing").SelectOptionAsync(string.Empty);

        // Placed by hand: delete S1 and click it again (top-left, top-right, bottom-right, bottom-left); the angles
        // are those of the clicked points, by the same hand formula.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete vertebra S1", Exact = true }).ClickAsync();
        await WaitVertebraeAsync(harness, 5);
        Assert.Equal("-", await page.Locator("#sacral-slope").InnerTextAsync());
        Assert.Contains("sacral slope needs S1", await page.Locator("#sagittal").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#add-level").SelectOptionAsync("S1");
        var clicked = new List<(double X, double Y)>();
        foreach (var (x, y) in new[] { (100.0, 640.0), (200.0, 690.0), (200.0, 800.0), (100.0, 760.0) })
        {
            var screen = await harness.JsonAsync($"window.spineKit.screenOf({x}, {y})");
            var (sx, sy) = (Math.Round(screen.GetProperty("x").GetDouble()), Math.Round(screen.GetProperty("y").GetDouble()));
            var image = await harness.JsonAsync(string.Create(CultureInfo.InvariantCulture, $"window.spineKit.imagePoint({sx}, {sy})"));
            clicked.Add((image.GetProperty("x").GetDouble(), image.GetProperty("y").GetDouble()));
            await page.Mouse.ClickAsync((float)sx, (float)sy);
        }

        await WaitVertebraeAsync(harness, 6);
        var slope = Math.Atan2(clicked[1].Y - clicked[0].Y, Math.Abs(clicked[1].X - clicked[0].X)) * Degrees;
        sagittal = await harness.JsonAsync("window.spineKit.sagittal()");
        Assert.Equal(slope, sagittal.GetProperty("sacralSlope").GetDouble(), 0.02);
        Assert.Equal(slope - l1Top, sagittal.GetProperty("lordosisL1S1").GetDouble(), 0.02);
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    [Fact]
    public async Task Annotation_ExportedTrainingLabels_ImportBackToTheSameState_AndSaveResumes()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;
        await AnnotateBlankFilmAsync(harness);
        Assert.Equal("true", await page.Locator("#tool-vertebra").GetAttributeAsync("aria-pressed"));

        // C3, C4 and C5 (levels the AP model never names) placed by hand, each four clicks; the level advances by itself.
        await page.Locator("#add-level").SelectOptionAsync("C3");
        for (var v = 0; v < 3; v++)
        {
            var top = 120 + (v * 150);
            foreach (var (x, y) in new[] { (120, top), (230, top + 8), (236, top + 100), (118, top + 95) })
            {
                var screen = await harness.JsonAsync($"window.spineKit.screenOf({x}, {y})");
                await page.Mouse.ClickAsync((float)Math.Round(screen.GetProperty("x").GetDouble()), (float)Math.Round(screen.GetProperty("y").GetDouble()));
            }
        }

        await WaitVertebraeAsync(harness, 3);
        var placed = await harness.JsonAsync("window.spineKit.vertebrae()");
        Assert.Equal(["C3", "C4", "C5"], placed.EnumerateArray().Select(v => v.GetProperty("level").GetString()));

        // Export: the three files, in the layout train landmarks reads (x1..x12 then y1..y12, normalised; tl, tr, bl, br).
        var files = new Dictionary<string, string>();
        foreach (var id in new[] { "export-label-landmarks", "export-label-filenames", "export-label-levels" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#{id}").ClickAsync());
            var path = Path.Combine(_folder.FullName, "exported", download.SuggestedFilename);
            await download.SaveAsAsync(path);
            files[download.SuggestedFilename] = path;
        }

        Assert.Equal("C3,C4,C5", File.ReadAllText(files["levels.csv"]).Trim());
        Assert.Equal("blank.png", File.ReadAllText(files["filenames.csv"]).Trim());
        var numbers = File.ReadAllText(files["landmarks.csv"]).Trim().Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(24, numbers.Length);
        var c3 = placed[0].GetProperty("corners");
        Assert.Equal(c3.GetProperty("bl").GetProperty("x").GetDouble() / Width, numbers[2], 1e-7);
        Assert.Equal(c3.GetProperty("br").GetProperty("y").GetDouble() / Height, numbers[12 + 3], 1e-7);

        // Save writes the annotation as an analysis document (what spinekit measure reads).
        var saved = await page.RunAndWaitForDownloadAsync(() => page.Locator("#save").ClickAsync());
        var savedPath = Path.Combine(_folder.FullName, "saved.json");
        await saved.SaveAsAsync(savedPath);
        using (var document = JsonDocument.Parse(File.ReadAllText(savedPath)))
        {
            Assert.Equal("spinekit.analysis/1", document.RootElement.GetProperty("schema").GetString());
            Assert.Equal(["C3", "C4", "C5"], document.RootElement.GetProperty("vertebrae").EnumerateArray().Select(v => v.GetProperty("level").GetString()));
        }

        // A fresh page: the same film, the labels imported, the same vertebrae; then the saved JSON, the same again.
        await page.ReloadAsync();
        await AnnotateBlankFilmAsync(harness);
        await page.Locator("#import-labels").SetInputFilesAsync(files.Values.ToArray());
        await WaitVertebraeAsync(harness, 3);
        AssertSameVertebrae(placed, await harness.JsonAsync("window.spineKit.vertebrae()"));

        await page.ReloadAsync();
        await AnnotateBlankFilmAsync(harness);
        await page.Locator("#import").SetInputFilesAsync(savedPath);
        await WaitVertebraeAsync(harness, 3);
        AssertSameVertebrae(placed, await harness.JsonAsync("window.spineKit.vertebrae()"));
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    [Fact]
    public async Task SeveralAnnotatedFilms_ExportOneTrainingSet_ThatTrainsAOneEpochSmokeModel()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var page = harness.Page;

        // Three small blank films, each given T1 to L5 through Import labels (one row per film, found by its name).
        var images = Directory.CreateDirectory(Path.Combine(_folder.FullName, "smoke", "images")).FullName;
        var names = new[] { "a.png", "b.png", "c.png" };
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(images, name), SpineKit.Imaging.Formats.Png.PngEncoder.Encode(new SpineKit.Imaging.Image<byte>(128, 256)));
        }

        var labelFolder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "smoke-in")).FullName;
        var rows = names.Select((_, film) => Enumerable.Range(0, 17).SelectMany(v =>
        {
            var top = 0.1 + (v * 0.045);
            var x = 0.4 + (0.01 * film);
            return new[] { (x, top), (x + 0.2, top + 0.005), (x, top + 0.035), (x + 0.2, top + 0.04) };
        }).ToArray()).ToArray();
        File.WriteAllText(Path.Combine(labelFolder, "landmarks.csv"), string.Concat(rows.Select(r => string.Join(",", r.Select(p => p.Item1).Concat(r.Select(p => p.Item2)).Select(n => n.ToString("R", CultureInfo.InvariantCulture))) + "\n")));
        File.WriteAllText(Path.Combine(labelFolder, "filenames.csv"), string.Join("\n", names) + "\n");
        var levels = "T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,L1,L2,L3,L4,L5";
        File.WriteAllText(Path.Combine(labelFolder, "levels.csv"), string.Join("\n", names.Select(_ => levels)) + "\n");
        var labelFiles = new[] { "landmarks.csv", "filenames.csv", "levels.csv" }.Select(f => Path.Combine(labelFolder, f)).ToArray();

        await page.Locator("#annotate-file").SetInputFilesAsync(names.Reverse().Select(n => Path.Combine(images, n)));
        for (var film = 1; film <= names.Length; film++)
        {
            if (film > 1)
            {
                await page.Locator("#film-next").ClickAsync();
            }

            await page.WaitForFunctionAsync($"() => document.getElementById('canvas').dataset.film === '{film}' && window.spineKit.prediction() !== null && window.spineKit.prediction().image.file === '{names[film - 1]}'");
            Assert.Equal($"{film} of 3", await page.Locator("#film-progress").InnerTextAsync());
            await page.Locator("#import-labels").SetInputFilesAsync(labelFiles);
            await WaitVertebraeAsync(harness, 17);
        }

        // One export holds every film: three rows, the imported corners again.
        var labels = Directory.CreateDirectory(Path.Combine(_folder.FullName, "smoke", "labels")).FullName;
        foreach (var id in new[] { "export-label-landmarks", "export-label-filenames", "export-label-levels" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#{id}").ClickAsync());
            await download.SaveAsAsync(Path.Combine(labels, download.SuggestedFilename));
        }

        Assert.Equal(names, File.ReadAllLines(Path.Combine(labels, "filenames.csv")));
        Assert.All(File.ReadAllLines(Path.Combine(labels, "levels.csv")), line => Assert.Equal(levels, line));
        var exported = File.ReadAllLines(Path.Combine(labels, "landmarks.csv"));
        Assert.Equal(3, exported.Length);
        for (var film = 0; film < 3; film++)
        {
            var numbers = exported[film].Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(rows[film].Length * 2, numbers.Length);
            for (var i = 0; i < rows[film].Length; i++)
            {
                Assert.Equal(rows[film][i].Item1, numbers[i], 1e-4);
                Assert.Equal(rows[film][i].Item2, numbers[rows[film].Length + i], 1e-4);
            }
        }

        // spinekit train landmarks' trainer reads the export and trains one epoch.
        var output = Path.Combine(_folder.FullName, "smoke-model");
        var trainer = new SpineKit.Detection.Training.LandmarkTrainer(new SpineKit.Detection.Training.LandmarkTrainingOptions
        {
            DatasetDirectory = Path.Combine(_folder.FullName, "smoke"),
            OutputDirectory = output,
            Network = SpineKit.Detection.Networks.VertebraNetConfig.Default with { InputWidth = 64, InputHeight = 128 },
            Epochs = 1,
            BatchSize = 2,
        });
        trainer.Run();
        var model = SpineKit.Detection.Inference.LandmarkModel.Load(Path.Combine(output, SpineKit.Detection.Training.LandmarkTrainer.ModelFile));
        Assert.Equal(SpineKit.Anatomy.VertebraLevel.T1, model.FirstLevel);
        Assert.Equal(17, model.LevelCount);
        Assert.True(harness.ConsoleErrors.Count == 0, string.Join("; ", harness.ConsoleErrors));
    }

    private async Task AnnotateBlankFilmAsync(BrowserHarness harness)
    {
        var path = Path.Combine(_folder.FullName, "blank.png");
        if (!File.Exists(path))
        {
            var pixels = new SpineKit.Imaging.Image<byte>(Width, Height);
            File.WriteAllBytes(path, SpineKit.Imaging.Formats.Png.PngEncoder.Encode(pixels));
        }

        await harness.Page.Locator("#annotate-file").SetInputFilesAsync(path);
        await harness.Page.WaitForFunctionAsync("() => window.spineKit.prediction() !== null && window.spineKit.prediction().image.width === 400");
    }

    private static Task WaitVertebraeAsync(BrowserHarness harness, int count) =>
        harness.Page.Locator($"#canvas[data-vertebra-count='{count}'][data-synced='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

    private static void AssertSameVertebrae(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
        foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
        {
            Assert.Equal(e.GetProperty("level").GetString(), a.GetProperty("level").GetString());
            foreach (var corner in new[] { "tl", "tr", "bl", "br" })
            {
                Assert.Equal(e.GetProperty("corners").GetProperty(corner).GetProperty("x").GetDouble(), a.GetProperty("corners").GetProperty(corner).GetProperty("x").GetDouble(), 0.006);
                Assert.Equal(e.GetProperty("corners").GetProperty(corner).GetProperty("y").GetDouble(), a.GetProperty("corners").GetProperty(corner).GetProperty("y").GetDouble(), 0.006);
            }
        }
    }

    private string[] WriteLabels((string Level, (double X, double Y)[] Corners)[] vertebrae)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "labels")).FullName;
        var corners = vertebrae.SelectMany(v => v.Corners).ToArray();
        var numbers = corners.Select(c => c.X / Width).Concat(corners.Select(c => c.Y / Height)).Select(n => n.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(folder, "landmarks.csv"), string.Join(",", numbers) + "\n");
        File.WriteAllText(Path.Combine(folder, "filenames.csv"), "blank.png\n");
        File.WriteAllText(Path.Combine(folder, "levels.csv"), string.Join(",", vertebrae.Select(v => v.Level)) + "\n");
        return [Path.Combine(folder, "landmarks.csv"), Path.Combine(folder, "filenames.csv"), Path.Combine(folder, "levels.csv")];
    }
}
